package pades

import (
	"bytes"
	"time"

	"tdkt"
)

// Extends checks that signed is issued with signatures appended: issued is a prefix of
// signed byte for byte, and at least one valid signature's signed revision covers all of
// issued. Otherwise an EInvalid tdkt.Error with a Vietnamese message.
func Extends(issued, signed []byte) error {
	if len(issued) == 0 || !bytes.HasPrefix(signed, issued) {
		return tdkt.Errorf(tdkt.EInvalid, "Tệp đã ký không phải là văn bản đã phát hành: nội dung gốc đã bị thay đổi.")
	}
	results, err := Verify(signed, nil, time.Now())
	if err != nil {
		return err
	}
	for _, r := range results {
		if r.Valid && r.SignedLength >= int64(len(issued)) {
			return nil
		}
	}
	return tdkt.Errorf(tdkt.EInvalid, "Tệp chưa có chữ ký hợp lệ bao trùm toàn bộ văn bản đã phát hành.")
}
