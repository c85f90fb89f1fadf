package demo

import (
	"context"
	"database/sql"
	"fmt"

	"tdkt"
	"tdkt/sqldb"
)

// What the statutory statistics count besides honours: the movements the province,
// the ministry, the departments and the communes launched year by year (biểu 0601.N),
// and the province's emulation-and-reward apparatus (0604.N, 0605.N).

// themes are the province's thematic movements, with their length in months, so
// that every duration row of 0601.N has some.
var themes = []struct {
	name   string
	months int
}{
	{"Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau", 60},
	{"Đẩy mạnh chuyển đổi số trong cơ quan nhà nước", 24},
	{"Chung sức xây dựng nông thôn mới, đô thị văn minh", 48},
	{"Doanh nghiệp Việt Nam hội nhập và phát triển", 36},
}

// movements writes the movements of every year and returns how many.
func (g *gen) movements(ctx context.Context, db *sqldb.DB) (int, error) {
	n := 0
	err := db.Update(ctx, func(tx *sqldb.Tx) error {
		add := func(oi int, name string, scope tdkt.MovementScope, method tdkt.MovementMethod, start int32, months int) error {
			t := epoch.AddDate(0, 0, int(start)).AddDate(0, months, -1)
			end := dayOf(t.Year(), int(t.Month()), t.Day())
			launched := weekday(start - 10)
			if launched > g.nowDay {
				return nil
			}
			status := tdkt.MovementLaunched
			if end < g.nowDay {
				status = tdkt.MovementClosed
			}
			m := tdkt.Movement{OrgID: g.orgs[oi].id, Name: name, Objectives: "Động viên cán bộ, công chức, viên chức và Nhân dân thi đua hoàn thành xuất sắc nhiệm vụ.",
				Scope: scope, Method: method, StartsOn: dayString(start), EndsOn: dayString(end), Status: status, LaunchedOn: dayString(launched),
				Participants: "Các cơ quan, đơn vị, địa phương trong phạm vi " + g.orgs[oi].name}
			n++
			return tx.InsertMovement(ctx, &m, g.stamp)
		}
		provs := []int{0}
		if g.nation != nil {
			provs = g.byKind[kProvince]
		}
		for y := g.first; y <= g.last+1; y++ {
			jan := dayOf(y, 1, 1)
			var steps []error
			for _, prov := range provs {
				steps = append(steps,
					add(prov, fmt.Sprintf("Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm %d", y), tdkt.MovementSector, tdkt.MethodRegular, jan, 12),
					add(prov, fmt.Sprintf("Phong trào thi đua của các cụm, khối thi đua tỉnh năm %d", y), tdkt.MovementCluster, tdkt.MethodRegular, jan, 12),
					add(prov, fmt.Sprintf("Thi đua cao điểm chào mừng ngày Quốc khánh 2/9 năm %d", y), tdkt.MovementSector, tdkt.MethodThematic, dayOf(y, 5, 1), 4))
				if th := themes[y%len(themes)]; y%2 == 0 {
					steps = append(steps, add(prov, fmt.Sprintf("%s giai đoạn %d–%d", th.name, y, y+th.months/12-1), tdkt.MovementSector, tdkt.MethodThematic, jan, th.months))
				}
			}
			for _, oi := range g.byKind[kMinistry] {
				steps = append(steps, add(oi, fmt.Sprintf("Thi đua hoàn thành xuất sắc nhiệm vụ năm %d của %s", y, g.orgs[oi].name), tdkt.MovementSector, tdkt.MethodRegular, jan, 12))
			}
			for _, k := range []kind{kDepartment, kCommune} {
				for j, oi := range g.byKind[k] {
					steps = append(steps, add(oi, fmt.Sprintf("Thi đua thực hiện nhiệm vụ năm %d của %s", y, g.orgs[oi].name), tdkt.MovementUnitwide, tdkt.MethodRegular, jan, 12))
					// Thematic movements of a department run from a few months to five
					// years, so that every duration row of 0601.N has some.
					if k == kDepartment && (j+y)%3 == 0 {
						months := []int{6, 18, 30, 42, 60}[(j+y)%5]
						steps = append(steps, add(oi, fmt.Sprintf("Thi đua đổi mới, sáng tạo trong ngành giai đoạn từ năm %d", y), tdkt.MovementUnitwide, tdkt.MethodThematic, dayOf(y, 3, 1), months))
					}
					if k == kCommune && (j+y)%5 == 0 {
						steps = append(steps, add(oi, fmt.Sprintf("Thi đua cải cách hành chính năm %d", y), tdkt.MovementUnitwide, tdkt.MethodThematic, dayOf(y, 3, 1), 6))
					}
				}
			}
			for _, err := range steps {
				if err != nil {
					return err
				}
			}
		}
		return g.apparatus(ctx, tx)
	})
	return n, err
}

// apparatus writes the emulation-and-reward units of the province (the Ban of Sở Nội
// vụ, merged into a Phòng in March 2025) and of the ministry, and makes a few staff of
// Sở Nội vụ its officers.
func (g *gen) apparatus(ctx context.Context, tx *sqldb.Tx) error {
	var snv = -1
	for i, o := range g.orgs {
		if o.code == "T46-SNV" {
			snv = i
		}
	}
	if snv < 0 {
		return nil
	}
	units := []sqldb.ApparatusUnit{
		{OrgID: g.orgs[snv].id, Name: "Ban Thi đua - Khen thưởng", Kind: tdkt.ApparatusSoNoiVuBan, EstablishedOn: "2015-01-01", DissolvedOn: "2025-03-01"},
		{OrgID: g.orgs[snv].id, Name: "Phòng Thi đua - Khen thưởng", Kind: tdkt.ApparatusSoNoiVuPhong, EstablishedOn: "2025-03-01"},
	}
	for _, oi := range g.byKind[kMinistry] {
		units = append(units,
			sqldb.ApparatusUnit{OrgID: g.orgs[oi].id, Name: "Vụ Thi đua - Khen thưởng", Kind: tdkt.ApparatusVu, EstablishedOn: "2015-01-01"},
			sqldb.ApparatusUnit{OrgID: g.orgs[oi].id, Name: "Phòng Khen thưởng", Kind: tdkt.ApparatusVuDivision, EstablishedOn: "2018-07-01"})
	}
	for i := range units {
		if err := tx.InsertApparatusUnit(ctx, &units[i], g.stamp); err != nil {
			return err
		}
	}
	var people []struct {
		id    int64
		hired string
	}
	err := tx.Each(ctx, `SELECT id, hired_on FROM people WHERE org_id = ? AND birth_date <> '' ORDER BY id LIMIT 9`, []any{g.orgs[snv].id},
		func(r *sql.Rows) error {
			var p struct {
				id    int64
				hired string
			}
			err := r.Scan(&p.id, &p.hired)
			people = append(people, p)
			return err
		})
	if err != nil {
		return err
	}
	for i, p := range people {
		o := sqldb.ApparatusOfficer{PersonID: p.id, Training: tdkt.TrainingLevels[[]int{3, 3, 4, 3, 2, 3, 4, 1, 3}[i]], StartedOn: p.hired}
		if err := tx.InsertApparatusOfficer(ctx, &o, g.stamp); err != nil {
			return err
		}
	}
	return nil
}
