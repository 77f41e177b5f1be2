package main

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
)

// sampleCount is the number of samples in a gzipped profile.proto (the sum of each sample's first value, the
// count runtime/pprof writes), read with a minimal protobuf walk so the producer needs nothing beyond the standard
// library.
func sampleCount(gz []byte) (int64, error) {
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return 0, err
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return 0, err
	}
	var total int64
	err = walk(data, func(field uint64, body []byte) error {
		if field != 2 { // Profile.sample
			return nil
		}
		first := true
		return walk(body, func(field uint64, values []byte) error {
			// Sample.value: the first is the sample count. runtime/pprof writes two values as two varint fields
			// (walk passes each as its encoded bytes), more as one packed field.
			if field != 2 || !first {
				return nil
			}
			first = false
			v, n := binary.Uvarint(values)
			if n <= 0 {
				return errors.New("bad sample value")
			}
			total += int64(v)
			return nil
		})
	})
	return total, err
}

// walk calls fn with the field number and bytes of each length-delimited or varint field of a message (a varint
// field's bytes are the varint), skipping the others.
func walk(msg []byte, fn func(field uint64, body []byte) error) error {
	for len(msg) > 0 {
		key, n := binary.Uvarint(msg)
		if n <= 0 {
			return errors.New("bad key")
		}
		msg = msg[n:]
		switch key & 7 {
		case 0:
			_, n = binary.Uvarint(msg)
			if n <= 0 {
				return errors.New("bad varint")
			}
			if err := fn(key>>3, msg[:n]); err != nil {
				return err
			}
			msg = msg[n:]
		case 1:
			msg = msg[8:]
		case 5:
			msg = msg[4:]
		case 2:
			size, n := binary.Uvarint(msg)
			if n <= 0 || uint64(len(msg)-n) < size {
				return errors.New("bad length")
			}
			if err := fn(key>>3, msg[n:n+int(size)]); err != nil {
				return err
			}
			msg = msg[n+int(size):]
		default:
			return errors.New("unknown wire type")
		}
	}
	return nil
}
