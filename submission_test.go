package tdkt_test

import (
	"strings"
	"testing"

	"tdkt"
)

func TestLawSubmissionDatesOn(t *testing.T) {
	for _, c := range []struct {
		day, decree string
		n           int
	}{
		{"2023-12-31", "", 0}, // before the 2022 law and Decree 98
		{"2024-01-01", "98/2023", 2},
		{"2025-06-30", "98/2023", 2},
		{"2025-07-01", "152/2025", 2},
		{"2027-03-01", "152/2025", 2},
	} {
		got := tdkt.LawSubmissionDatesOn(c.day)
		if len(got) != c.n {
			t.Fatalf("%s: %d dates", c.day, len(got))
		}
		days := map[string]bool{}
		for _, d := range got {
			if !strings.Contains(d.Note, c.decree) {
				t.Errorf("%s: %s cites %q", c.day, d.AwardCode, d.Note)
			}
			days[d.AwardCode+" "+d.Next(c.day)[5:]] = true
		}
		if c.n > 0 && (!days["co_thi_dua_chinh_phu 06-30"] || !days["chien_si_thi_dua_toan_quoc 12-31"]) {
			t.Errorf("%s: %v", c.day, days)
		}
	}
}

func TestSubmissionDateNext(t *testing.T) {
	d := tdkt.SubmissionDate{Month: 12, Day: 31}
	for day, want := range map[string]string{"2026-12-31": "2026-12-31", "2026-01-01": "2026-12-31", "2027-01-01": "2027-12-31"} {
		if got := d.Next(day); got != want {
			t.Errorf("Next(%s) = %s, want %s", day, got, want)
		}
	}
}

func TestSubmissionDateValidate(t *testing.T) {
	for _, c := range []struct {
		d     tdkt.SubmissionDate
		field string
	}{
		{tdkt.SubmissionDate{AwardCode: "giay_khen", Month: 6, Day: 30}, ""},
		{tdkt.SubmissionDate{AwardCode: "giay_khen", Month: 2, Day: 29}, "day"},
		{tdkt.SubmissionDate{AwardCode: "giay_khen", Month: 4, Day: 31}, "day"},
		{tdkt.SubmissionDate{AwardCode: "giay_khen", Month: 13, Day: 1}, "month"},
		{tdkt.SubmissionDate{AwardCode: "khong_co", Month: 1, Day: 1}, "award_code"},
	} {
		err := c.d.Validate()
		e, _ := err.(*tdkt.Error)
		if (c.field == "" && err != nil) || (c.field != "" && (e == nil || e.Fields[c.field] == "")) {
			t.Errorf("%+v: %v", c.d, err)
		}
	}
}

func TestScoresDueProblem(t *testing.T) {
	for due, bad := range map[string]bool{"": false, "2026-12-15": false, "2027-01-20": false, "2025-12-31": true, "2026-02-30": true, "15/12/2026": true} {
		if got := tdkt.ScoresDueProblem(due, 2026) != ""; got != bad {
			t.Errorf("%q: problem %v", due, got)
		}
	}
}
