package tdkttest

import (
	"context"
	"testing"

	"tdkt"
	"tdkt/core"
	"tdkt/sqldb"
)

// StatsFixture is the small province of Fixture with what the statutory statistics
// count for report year 2025 (period 01/12/2024–30/11/2025): people of every
// recipient class, collectives (one an enterprise), a household, honours of the state
// and the provincial level in and out of the period, revoked ones, movements, and the
// emulation apparatus; and a second province whose records must never show.
type StatsFixture struct {
	*Fixture
	Department, Enterprise, Province2 tdkt.Org
	Admin2                            tdkt.Account // administrator of the second province
	ProvLeader, DeptLeader, Boss      tdkt.Person  // leaders at the province, a department, an enterprise
	Team, Company                     tdkt.CollectiveUnit
	Home                              tdkt.HouseholdRecord
	Honours                           []StatHonour
}

// StatHonour is an honour of the fixture and whether the 2025 forms count it.
type StatHonour struct {
	tdkt.Honour
	Counts bool // inside the period, not revoked, in the first province
}

// NewStatsFixture builds the statistics fixture on db.
func NewStatsFixture(t testing.TB, db *sqldb.DB) *StatsFixture {
	t.Helper()
	f := &StatsFixture{Fixture: NewFixture(t, db)}
	ctx := context.Background()
	svc := f.Svc
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f.Department = tdkt.Org{Code: "T01-SNV", Name: "Sở Nội vụ tỉnh Thử Nghiệm", Level: tdkt.LevelDepartment, ParentID: f.Province.ID}
	must(svc.SaveOrg(ctx, nil, &f.Department))
	f.Enterprise = tdkt.Org{Code: "T01-DN1", Name: "Công ty Cổ phần Cà phê Đăk Thử", Level: tdkt.LevelEnterprise, ParentID: f.Province.ID}
	must(svc.SaveOrg(ctx, nil, &f.Enterprise))
	f.Province2 = tdkt.Org{Code: "T02", Name: "Ủy ban nhân dân tỉnh Bên Cạnh", Level: tdkt.LevelProvince}
	must(svc.SaveOrg(ctx, nil, &f.Province2))
	a2, err := svc.CreateAccount(ctx, nil, core.NewAccount{Login: "quantri.t2", Name: "Quản trị tỉnh Bên Cạnh", Password: Password, Role: tdkt.RoleAdmin, OrgCode: "T02"})
	must(err)
	f.Admin2 = a2
	person := func(org tdkt.Org, name string, sex tdkt.Sex, birth string, leader bool, pos string) tdkt.Person {
		p := tdkt.Person{OrgID: org.ID, FullName: name, Sex: sex, BirthDate: birth, Group: tdkt.GroupOfficials, Leader: leader, Position: pos, Ethnicity: "Kinh"}
		if org.Level == tdkt.LevelEnterprise {
			p.Group = tdkt.GroupWorkers
		}
		actor := &f.Admin
		if org.ID == f.Province2.ID {
			actor = &f.Admin2
		}
		must(svc.CreatePerson(ctx, actor, &p))
		return p
	}
	f.ProvLeader = person(f.Province, "Hoàng Minh Tuấn", tdkt.Male, "1970-05-01", true, "Phó Chủ tịch Ủy ban nhân dân tỉnh")
	f.DeptLeader = person(f.Department, "Phạm Thị Lan Anh", tdkt.Female, "1990-12-01", true, "Giám đốc Sở Nội vụ")
	f.Boss = person(f.Enterprise, "Vũ Đức Thắng", tdkt.Male, "1968-02-14", true, "Tổng giám đốc")
	other := person(f.Province2, "Đỗ Văn Khoa", tdkt.Male, "1980-01-01", false, "Chuyên viên")
	f.Team = tdkt.CollectiveUnit{OrgID: f.CommuneA.ID, Name: "Trường Tiểu học Đông Hòa"}
	must(svc.SaveCollective(ctx, &f.Admin, &f.Team))
	f.Company = tdkt.CollectiveUnit{OrgID: f.Enterprise.ID, UnitOrgID: f.Enterprise.ID, Name: "Công ty Cổ phần Cà phê Đăk Thử", Enterprise: true}
	must(svc.SaveCollective(ctx, &f.Admin, &f.Company))
	f.Home = tdkt.HouseholdRecord{OrgID: f.CommuneA.ID, HeadName: "Lò Văn Páo", Address: "Thôn Bản Mới, xã Đông Hòa"}
	must(svc.SaveHousehold(ctx, &f.Admin, &f.Home))

	ind := func(p tdkt.Person) tdkt.Subject { return tdkt.Subject{Kind: tdkt.Individual, ID: p.ID} }
	col := func(c tdkt.CollectiveUnit) tdkt.Subject { return tdkt.Subject{Kind: tdkt.Collective, ID: c.ID} }
	home := tdkt.Subject{Kind: tdkt.Household, ID: f.Home.ID}
	add := func(counts bool, s tdkt.Subject, award string, kind tdkt.RewardKind, on string, revoked bool) {
		h := tdkt.Honour{Subject: s, AwardCode: award, Year: 2025, Kind: kind, Revoked: revoked,
			Decision: tdkt.Decision{Number: "15/QĐ-TTg", Date: on, Signer: "Nguyễn Văn Nam", Issuer: "Thủ tướng Chính phủ"}}
		if on < "2025-01-01" {
			h.Year = 2024
		}
		actor := &f.Admin
		if s.ID == other.ID && s.Kind == tdkt.Individual {
			actor = &f.Admin2
		}
		must(svc.SaveHonour(ctx, actor, &h))
		f.Honours = append(f.Honours, StatHonour{h, counts})
	}
	a, b := ind(f.PersonA), ind(f.PersonB)
	// State level (0602): in the period.
	add(true, a, "bang_khen_thu_tuong", tdkt.KindMerit, "2025-03-10", false)
	add(true, col(f.Team), "bang_khen_thu_tuong", tdkt.KindSudden, "2024-12-01", false)
	add(true, home, "bang_khen_thu_tuong", tdkt.KindMovement, "2025-11-30", false)
	add(true, ind(f.ProvLeader), "huan_chuong_lao_dong_hang_ba", tdkt.KindDevotion, "2025-05-19", false)
	add(true, col(f.Company), "huan_chuong_lao_dong_hang_ba", tdkt.KindMerit, "2025-05-19", false)
	add(true, ind(f.Boss), "huan_chuong_lao_dong_hang_nhi", tdkt.KindForeign, "2025-08-01", false)
	add(true, col(f.Company), "co_thi_dua_chinh_phu", tdkt.KindMerit, "2025-04-01", false)
	add(true, ind(f.DeptLeader), "chien_si_thi_dua_toan_quoc", tdkt.KindThematic, "2025-06-01", false)
	add(true, b, "nha_giao_uu_tu", tdkt.KindMerit, "2025-11-20", false)
	// State level: out of the period, revoked, or in the other province.
	add(false, a, "bang_khen_thu_tuong", tdkt.KindMerit, "2024-11-30", false)
	add(false, b, "bang_khen_thu_tuong", tdkt.KindMerit, "2025-12-01", false)
	add(false, b, "huan_chuong_lao_dong_hang_ba", tdkt.KindMerit, "2025-02-01", true)
	add(false, ind(other), "bang_khen_thu_tuong", tdkt.KindMerit, "2025-03-10", false)
	// Ministry/province level (0603).
	add(true, b, "bang_khen_bo_tinh", tdkt.KindMerit, "2025-01-15", false)
	add(true, a, "chien_si_thi_dua_bo_tinh", tdkt.KindMerit, "2025-02-20", false)
	add(true, col(f.Team), "co_thi_dua_bo_tinh", tdkt.KindMerit, "2025-02-20", false)
	add(true, home, "bang_khen_bo_tinh", tdkt.KindSudden, "2025-09-02", false)
	add(true, col(f.Company), "bang_khen_bo_tinh", tdkt.KindThematic, "2025-09-02", false)
	add(false, a, "bang_khen_bo_tinh", tdkt.KindMerit, "2025-01-15", true)
	add(false, ind(other), "bang_khen_bo_tinh", tdkt.KindMerit, "2025-01-15", false)
	add(false, a, "bang_khen_bo_tinh", tdkt.KindMerit, "2023-12-20", false)
	// Neither form counts a Giấy khen.
	add(false, a, "giay_khen", tdkt.KindMerit, "2025-03-10", false)

	// Movements (0601), launched on the given dates.
	mv := func(actor *tdkt.Account, org tdkt.Org, name string, scope tdkt.MovementScope, method tdkt.MovementMethod, from, to, launched string) {
		m := tdkt.Movement{OrgID: org.ID, Name: name, Objectives: "Hoàn thành xuất sắc nhiệm vụ năm", Scope: scope, Method: method, StartsOn: from, EndsOn: to}
		must(svc.CreateMovement(ctx, actor, &m))
		if launched == "" {
			return
		}
		m2, err := svc.LaunchMovement(ctx, actor, m.ID, m.Version)
		must(err)
		must(db.Update(ctx, func(tx *sqldb.Tx) error {
			_, err := tx.Exec(ctx, `UPDATE movements SET launched_on = ? WHERE id = ?`, launched, m2.ID)
			return err
		}))
	}
	mv(&f.Admin, f.Province, "Thi đua thực hiện thắng lợi nhiệm vụ năm 2025", tdkt.MovementSector, tdkt.MethodRegular, "2025-01-01", "2025-12-31", "2025-01-05")
	mv(&f.ClerkA, f.CommuneA, "Xây dựng nông thôn mới kiểu mẫu", tdkt.MovementUnitwide, tdkt.MethodThematic, "2025-03-01", "2025-06-30", "2025-03-01")
	mv(&f.Admin, f.Province, "Cụm thi đua các xã miền núi chung sức", tdkt.MovementCluster, tdkt.MethodThematic, "2024-12-01", "2029-12-31", "2024-12-01")
	mv(&f.Admin, f.Province, "Chuyển đổi số trong cơ quan nhà nước", tdkt.MovementSector, tdkt.MethodThematic, "2025-02-01", "2027-06-30", "2025-11-30")
	mv(&f.ClerkB, f.CommuneB, "Phường văn minh, sạch đẹp", tdkt.MovementUnitwide, tdkt.MethodRegular, "2024-01-01", "2024-12-31", "2024-11-30")
	mv(&f.Admin2, f.Province2, "Thi đua của tỉnh bên cạnh", tdkt.MovementSector, tdkt.MethodRegular, "2025-01-01", "2025-12-31", "2025-02-01")
	mv(&f.Admin, f.Province, "Dự thảo chưa phát động", tdkt.MovementSector, tdkt.MethodRegular, "2025-01-01", "2025-12-31", "")

	// The apparatus (0604, 0605), counted on 30/11/2025.
	unit := func(actor *tdkt.Account, org tdkt.Org, name string, kind tdkt.ApparatusKind, from, to string) {
		must(svc.AddApparatusUnit(ctx, actor, &sqldb.ApparatusUnit{OrgID: org.ID, Name: name, Kind: kind, EstablishedOn: from, DissolvedOn: to}))
	}
	unit(&f.Admin, f.Department, "Ban Thi đua - Khen thưởng", tdkt.ApparatusSoNoiVuBan, "2015-01-01", "")
	unit(&f.Admin, f.Department, "Phòng Thi đua - Khen thưởng", tdkt.ApparatusSoNoiVuPhong, "2025-07-01", "")
	unit(&f.Admin, f.Department, "Phòng Nghiệp vụ thi đua (đã giải thể)", tdkt.ApparatusSoNoiVuPhong, "2015-01-01", "2025-06-30")
	unit(&f.Admin, f.Department, "Phòng thành lập sau kỳ báo cáo", tdkt.ApparatusSoNoiVuPhong, "2025-12-15", "")
	unit(&f.Admin2, f.Province2, "Ban Thi đua - Khen thưởng tỉnh bên cạnh", tdkt.ApparatusSoNoiVuBan, "2015-01-01", "")
	officer := func(actor *tdkt.Account, p tdkt.Person, tr tdkt.TrainingLevel, from, to string) {
		must(svc.AddApparatusOfficer(ctx, actor, &sqldb.ApparatusOfficer{PersonID: p.ID, Training: tr, StartedOn: from, EndedOn: to}))
	}
	officer(&f.ClerkA, f.PersonA, tdkt.TrainingUniversity, "2018-01-01", "")             // nữ, 40 tuổi, 7 năm
	officer(&f.ClerkB, f.PersonB, tdkt.TrainingPostgrad, "2015-11-30", "")               // nam, 46 tuổi, đủ 10 năm
	officer(&f.Admin, f.DeptLeader, tdkt.TrainingUniversity, "2024-01-01", "")           // nữ, 34 tuổi, 1 năm
	officer(&f.Admin, f.ProvLeader, tdkt.TrainingUniversity, "2010-01-01", "2025-05-01") // đã thôi
	officer(&f.Admin2, other, tdkt.TrainingCollege, "2020-01-01", "")
	return f
}
