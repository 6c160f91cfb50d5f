package inputs

import (
	"archive/zip"
	"fmt"
	"io"
)

// OpenDataFormats are the open-data export's formats: the tables, and a
// zip of the JSON and CSV with the public inputs' files.
func OpenDataFormats() []string { return append(Formats(), "zip") }

// FileContent reads the content of file n of a version of input id.
type FileContent func(id int64, version, n int) ([]byte, error)

// zipDataName is the name of the data files in the zip, before their
// extension: inputs.json and inputs.csv.
const zipDataName = "inputs"

// zipReadme heads the open-data zip.
const zipReadme = `Written inputs, as published, with the files attached to the published versions.
inputs.json and inputs.csv hold the inputs; each input's "attachments" in inputs.json give
every file's path in this archive, its SHA-256 and its permalink.
Licence: ` + Licence + ` ` + LicenceURL + "\n"

// WriteOpenDataZip writes the open data as a zip: README.txt, inputs.json
// and inputs.csv, and every file of the records (the published versions
// of public inputs, as listed) under attachments/<input>/<n>-<name>, read
// one at a time through content. Nothing else goes in: the records are
// public ones (store.InputsOpenData) and only their files are read.
func WriteOpenDataZip(w io.Writer, d OpenData, content FileContent) error {
	for i := range d.Inputs {
		rec := &d.Inputs[i]
		for j := range rec.Attachments {
			a := &rec.Attachments[j]
			a.Path = fmt.Sprintf("attachments/%d/%d-%s", rec.ID, a.N, a.Name)
		}
	}
	zw := zip.NewWriter(w)
	add := func(name string, write func(io.Writer) error) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: d.GeneratedAt.UTC()})
		if err != nil {
			return err
		}
		return write(f)
	}
	if err := add("README.txt", func(w io.Writer) error { _, err := io.WriteString(w, zipReadme); return err }); err != nil {
		return err
	}
	for _, format := range []string{"json", "csv"} {
		if err := add(zipDataName+"."+format, func(w io.Writer) error { return WriteOpenData(w, format, d) }); err != nil {
			return err
		}
	}
	for _, rec := range d.Inputs {
		for _, a := range rec.Attachments {
			data, err := content(rec.ID, rec.Version, a.N)
			if err != nil {
				return err
			}
			if err := add(a.Path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
				return err
			}
		}
	}
	return zw.Close()
}
