package tdkt

import "testing"

func TestStatLayoutOnPicksTheLayoutInForce(t *testing.T) {
	saved := StatLayouts
	defer func() { StatLayouts = saved }()
	next := layoutTT02
	next.Name, next.From = "TT 18/2025 (thử)", "2025-12-01"
	StatLayouts = append(append([]StatLayout(nil), saved...), next)
	for date, want := range map[string]string{"2023-05-09": "", "2023-05-10": "TT 02/2023", "2025-11-30": "TT 02/2023", "2026-11-30": "TT 18/2025 (thử)"} {
		l, ok := StatLayoutOn(date)
		if ok != (want != "") || l.Name != want {
			t.Errorf("%s: %q %v, want %q", date, l.Name, ok, want)
		}
	}
	if l, _ := StatLayoutOn(StatReportDate(2025)); l.Name != "TT 02/2023" {
		t.Errorf("report year 2025 uses %s", l.Name)
	}
	from, to := layoutTT02.Period(2025)
	if from != "2024-12-01" || to != "2025-11-30" {
		t.Errorf("period of 2025: %s–%s", from, to)
	}
}

func TestStatClasses(t *testing.T) {
	for _, c := range []struct {
		kind       SubjectKind
		leader     bool
		level      Level
		enterprise bool
		want       string
	}{
		{Individual, false, LevelProvince, false, RecipientDirectWorker},
		{Individual, true, LevelProvince, false, RecipientProvinceLeader},
		{Individual, true, LevelMinistry, false, RecipientProvinceLeader},
		{Individual, true, LevelDepartment, false, RecipientDepartmentLeader},
		{Individual, true, LevelEnterprise, false, RecipientBusinessperson},
		{Individual, false, LevelEnterprise, false, RecipientDirectWorker},
		{Individual, true, LevelCommune, false, RecipientOtherLeader},
		{Collective, false, LevelCommune, false, RecipientCollective},
		{Collective, false, LevelEnterprise, true, RecipientEnterprise},
		{Household, false, LevelCommune, false, RecipientHousehold},
	} {
		if got := RecipientOf(c.kind, c.leader, c.level, c.enterprise); got != c.want {
			t.Errorf("%+v: %s", c, got)
		}
	}
	for birth, want := range map[string]string{"1995-11-30": AgeTo30, "1994-11-30": Age31To40, "1990-12-01": Age31To40, "1985-01-01": Age31To40,
		"1984-11-30": Age41To50, "1970-05-01": Age51To55, "1965-11-30": Age56To60, "1964-11-29": AgeOver60, "": ""} {
		if got := AgeBand(birth, "2025-11-30"); got != want {
			t.Errorf("born %s: %s, want %s", birth, got, want)
		}
	}
	for start, want := range map[string]string{"2021-01-01": SenUnder5, "2020-11-30": Sen5To10, "2015-12-01": Sen5To10, "2015-11-30": Sen10Plus} {
		if got := SeniorityBand(start, "2025-11-30"); got != want {
			t.Errorf("started %s: %s, want %s", start, got, want)
		}
	}
	if AwardLevelOf("bang_khen_thu_tuong") != AwardLevelState || AwardLevelOf("huan_chuong_dung_cam") != AwardLevelState ||
		AwardLevelOf("co_thi_dua_bo_tinh") != AwardLevelSector || AwardLevelOf("giay_khen") != "" {
		t.Error("award levels")
	}
}
