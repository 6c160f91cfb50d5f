package bench

import (
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	_ "modernc.org/sqlite" // the "sqlite" driver, as the store uses
)

// floor is what this machine does with nothing of Consulta in the way:
// a bare net/http server on a SQLite file with the store's pragmas. A
// benchmark measures it in the same run as the app, so the ratio of the
// two carries over between machines and busy moments, where the absolute
// figures do not.
type floor struct {
	db, write *sql.DB
	base      string
	srv       *http.Server
	dir       string
	seq       atomic.Int64
	page      *template.Template
}

// floorRow is what a floor page renders a line of.
const floorRow = "Consultation <row> & its texts, escaped by html/template like a real page."

// startFloor opens a SQLite file in a temp dir with one row to read and a
// table to insert into, and serves GET /page?bytes=N (one read, then a
// template of N bytes) and POST /insert (one durable insert).
func startFloor() (_ *floor, err error) {
	f := &floor{}
	if f.dir, err = os.MkdirTemp("", "consulta-floor-"); err != nil {
		return nil, err
	}
	dsn := "file:" + filepath.Join(f.dir, "floor.db") + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	if err := f.open(dsn); err != nil {
		f.close()
		return nil, err
	}
	f.page = template.Must(template.New("page").Parse(`<!doctype html><html><body><h1>{{.Title}}</h1>{{range .Rows}}<p>{{.}}</p>{{end}}</body></html>`))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.close()
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /page", f.servePage)
	mux.HandleFunc("POST /insert", f.serveInsert)
	f.base, f.srv = "http://"+ln.Addr().String(), &http.Server{Handler: mux}
	go func() { _ = f.srv.Serve(ln) }()
	return f, nil
}

func (f *floor) open(dsn string) (err error) {
	if f.write, err = sql.Open("sqlite", dsn); err != nil {
		return err
	}
	f.write.SetMaxOpenConns(1) // one writer, as the store
	if f.db, err = sql.Open("sqlite", dsn+"&_pragma=query_only(1)"); err != nil {
		return err
	}
	_, err = f.write.Exec(`CREATE TABLE pages (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
		INSERT INTO pages (title) VALUES ('WSIS at 20: Successes, Failures, and Expectations');
		CREATE TABLE posts (id INTEGER PRIMARY KEY, body BLOB NOT NULL)`)
	return err
}

// servePage reads one row, then renders about ?bytes= bytes of escaped
// text through html/template.
func (f *floor) servePage(w http.ResponseWriter, r *http.Request) {
	var title string
	if err := f.db.QueryRowContext(r.Context(), `SELECT title FROM pages WHERE id = 1`).Scan(&title); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var size int
	fmt.Sscan(r.URL.Query().Get("bytes"), &size)
	rows := make([]string, max(1, size/(len(floorRow)+12)))
	for i := range rows {
		rows[i] = floorRow
	}
	var b strings.Builder
	if err := f.page.Execute(&b, map[string]any{"Title": title, "Rows": rows}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = io.WriteString(w, b.String())
}

// serveInsert stores the request body in one committed transaction.
func (f *floor) serveInsert(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err == nil {
		_, err = f.write.ExecContext(r.Context(), `INSERT INTO posts (body) VALUES ($1)`, body)
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	f.seq.Add(1)
	w.WriteHeader(http.StatusAccepted)
}

func (f *floor) close() {
	if f.srv != nil {
		_ = f.srv.Shutdown(context.Background())
	}
	for _, db := range []*sql.DB{f.db, f.write} {
		if db != nil {
			_ = db.Close()
		}
	}
	_ = os.RemoveAll(f.dir)
}
