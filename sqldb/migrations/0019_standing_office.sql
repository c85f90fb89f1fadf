-- A standing office (cơ quan thường trực) works another organisation's dossier inbox:
-- the provincial Department of Home Affairs for the People's Committee, the central
-- board for the Government. See tdkt.Org.StandingFor.
ALTER TABLE orgs ADD COLUMN standing_for BIGINT REFERENCES orgs(id);
CREATE INDEX orgs_standing_for ON orgs(standing_for) WHERE standing_for IS NOT NULL;
