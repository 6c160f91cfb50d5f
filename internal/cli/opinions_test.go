package cli_test

import (
	"context"
	"github.com/consulta/consulta/internal/testutil/polisdata"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/consulta/consulta/internal/config"
	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/polis"
	"github.com/consulta/consulta/internal/store"
)

// polisDir is a conversation of the Pol.is open data (CC BY 4.0, The
// Computational Democracy Project; see ATTRIBUTION.md in its parent folder).
func polisDir(t *testing.T, name string) string {
	t.Helper()
	return polisdata.Dir(t, name)
}

// newOpinionsConsultation makes an empty data dir with one consultation,
// "brexit-map", and returns the command environment.
func newOpinionsConsultation(t *testing.T) map[string]string {
	t.Helper()
	env := map[string]string{"CONSULTA_DATA": t.TempDir()}
	if out, code := run(t, env, "migrate"); code != 0 {
		t.Fatalf("migrate: %s", out)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, &config.Config{DataDir: env["CONSULTA_DATA"]})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := &consultation.Review{Slug: "polis", OriginalLang: "en", Texts: map[string]consultation.ReviewText{"en": {Title: "Pol.is"}}}
	if err := db.SaveReview(ctx, r); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2031, 3, 10, 9, 0, 0, 0, time.UTC)
	c := &consultation.Consultation{ReviewID: r.ID, Slug: "brexit-map", OriginalLang: "en", Region: "001",
		Texts:  map[string]consultation.Text{"en": {Title: "Brexit, mapped"}},
		Format: consultation.Virtual, TimeZone: "UTC", StartsAt: start, EndsAt: start.Add(time.Hour), Status: consultation.Published}
	if err := db.SaveConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	return env
}

func TestOpinionsImportExportPolis(t *testing.T) {
	src := polisDir(t, "brexit-consensus")
	env := newOpinionsConsultation(t)
	out, code := run(t, env, "opinions", "import-polis", src, "--into", "brexit-map")
	if code != 0 || out != "imported 204 participants, 50 statements and 5303 votes into brexit-map; its opinion map is enabled\n" {
		t.Fatalf("import-polis: %d %q", code, out)
	}
	dir := filepath.Join(t.TempDir(), "new", "export")
	out, code = run(t, env, "opinions", "export-polis", "--from", "brexit-map", "--out", dir)
	if code != 0 || !strings.HasPrefix(out, "wrote "+dir+": summary.csv, comments.csv (50 statements), votes.csv (5303 votes), participants-votes.csv (204 participants)") {
		t.Fatalf("export-polis: %d %q", code, out)
	}
	want, err := polis.Read(src)
	if err != nil {
		t.Fatal(err)
	}
	got, err := polis.Read(dir)
	if err != nil {
		t.Fatalf("the export does not read back: %v", err)
	}
	for _, k := range []string{"voters", "commenters", "comments"} {
		g, _ := got.Summary.Get(k)
		w, _ := want.Summary.Get(k)
		if g != w {
			t.Errorf("summary %s = %s, source says %s", k, g, w)
		}
	}
	if topic, _ := got.Summary.Get("topic"); topic != "Brexit, mapped" {
		t.Errorf("topic %q", topic)
	}
	if url, _ := got.Summary.Get("url"); url != "/c/brexit-map/opinions" {
		t.Errorf("url %q", url)
	}
	bodies := func(e *polis.Export) map[int]string {
		m := map[int]string{}
		for _, c := range e.Comments {
			m[c.ID] = c.Body
		}
		return m
	}
	if g, w := bodies(got), bodies(want); len(g) != 50 || !maps.Equal(g, w) {
		t.Error("comment bodies differ from the source")
	}
	// Each participant's row equals the source's (Pol.is's own rows hold
	// the latest votes), but for the group: Consulta's own, as computed
	// from the same votes; blank (-1) for participants outside the
	// conversation. Each comment carries Consulta's group-informed consensus.
	ours := map[int]int{}
	res := opinion.Analyse(want.Input())
	for _, p := range res.Participants {
		if p.Group >= 0 {
			ours[p.PID] = p.Group
		}
	}
	inGroups := 0
	byID := map[int]polis.ParticipantRow{}
	for _, p := range want.Participants {
		byID[p.ID] = p
	}
	for _, p := range got.Participants {
		w := byID[p.ID]
		if p.NVotes != w.NVotes || p.NAgree != w.NAgree || p.NDisagree != w.NDisagree || p.NComments != w.NComments ||
			!maps.Equal(p.Votes, w.Votes) {
			t.Fatalf("participant %d:\n got %+v\nwant %+v", p.ID, p, w)
		}
		if g, in := ours[p.ID]; (in && p.GroupID != g) || (!in && p.GroupID != -1) {
			t.Errorf("participant %d: group %d, the analysis says %d (in conversation: %v)", p.ID, p.GroupID, g, in)
		}
		if p.GroupID >= 0 {
			inGroups++
		}
	}
	if inGroups != len(ours) || inGroups < 150 {
		t.Errorf("%d participants with a group, want the %d in the conversation", inGroups, len(ours))
	}
	for _, c := range got.Comments {
		st, _ := res.Statement(c.ID)
		if !c.HasGroupInformedConsensus || c.GroupInformedConsensus != st.GroupInformedConsensus {
			t.Errorf("comment %d: group-informed consensus %v (%v), want %v", c.ID, c.GroupInformedConsensus, c.HasGroupInformedConsensus, st.GroupInformedConsensus)
		}
	}
	if len(got.Votes) != len(want.LatestVotes()) {
		t.Errorf("%d votes, want %d", len(got.Votes), len(want.LatestVotes()))
	}
	var ids []int
	for _, c := range got.Comments {
		ids = append(ids, c.ID)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, got.VoteColumns) {
		t.Errorf("participants-votes columns %v, want every comment", got.VoteColumns)
	}
}

// Once the map has been computed and stored, an export carries that map —
// the one the pages show on every instance — not one computed afresh:
// here a stored map with Pol.is's own groups, which ours differ from.
func TestOpinionsExportPolisCarriesTheStoredMap(t *testing.T) {
	src := polisDir(t, "brexit-consensus")
	env := newOpinionsConsultation(t)
	if out, code := run(t, env, "opinions", "import-polis", src, "--into", "brexit-map"); code != 0 {
		t.Fatalf("import-polis: %s", out)
	}
	want, err := polis.Read(src)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, &config.Config{DataDir: env["CONSULTA_DATA"]})
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.ConsultationBySlug(ctx, "brexit-map")
	if err != nil {
		t.Fatal(err)
	}
	fp, err := db.OpinionFingerprint(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	in := want.Input()
	in.Groups = want.GroupIDs()
	stored := &opinion.Snapshot{Fingerprint: fp, ComputedAt: time.Now().UTC(), Result: opinion.Analyse(in)}
	if err := db.SaveOpinionSnapshot(ctx, c.ID, stored); err != nil {
		t.Fatal(err)
	}
	db.Close()
	dir := t.TempDir()
	if out, code := run(t, env, "opinions", "export-polis", "--from", "brexit-map", "--out", dir); code != 0 {
		t.Fatalf("export-polis: %s", out)
	}
	got, err := polis.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := got.GroupIDs(), want.GroupIDs(); !maps.Equal(g, w) {
		t.Errorf("the export carries %d participants' groups unlike the stored map's %d", len(g), len(w))
	}
}

func TestOpinionsCommandErrors(t *testing.T) {
	src := polisDir(t, "15-per-hour-seattle")
	env := newOpinionsConsultation(t)
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "comments.csv"), []byte("timestamp,comment-id,author-id,comment-body\n1,one,0,x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "nowhere")
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no subcommand", []string{"opinions"}, "usage: consulta opinions <subcommand>"},
		{"unknown subcommand", []string{"opinions", "frobnicate"}, `unknown subcommand "frobnicate"`},
		{"no --into", []string{"opinions", "import-polis", src}, "usage: consulta opinions import-polis DIR --into SLUG"},
		{"no dir", []string{"opinions", "import-polis", "--into", "brexit-map"}, "usage: consulta opinions import-polis DIR --into SLUG"},
		{"missing dir", []string{"opinions", "import-polis", missing, "--into", "brexit-map"}, missing + ": no such file or directory"},
		{"malformed file", []string{"opinions", "import-polis", broken, "--into", "brexit-map"},
			filepath.Join(broken, "comments.csv") + ` line 2 column comment-id: "one" is not an integer`},
		{"unknown slug", []string{"opinions", "import-polis", "--into", "nope", src}, `no consultation with slug "nope"`},
		{"export unknown slug", []string{"opinions", "export-polis", "--from", "nope", "--out", t.TempDir()}, `no consultation with slug "nope"`},
		{"export no --out", []string{"opinions", "export-polis", "--from", "brexit-map"}, "usage: consulta opinions export-polis --from SLUG --out DIR"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, code := run(t, env, c.args...)
			if code == 0 || !strings.Contains(out, c.want) {
				t.Errorf("exit %d, output %q; want non-zero and %q", code, out, c.want)
			}
		})
	}
	// Flags before the folder work too; a second import is refused.
	if out, code := run(t, env, "opinions", "import-polis", "--into", "brexit-map", src); code != 0 {
		t.Fatalf("import-polis: %s", out)
	}
	out, code := run(t, env, "opinions", "import-polis", src, "--into", "brexit-map")
	if code == 0 || !strings.Contains(out, `consultation "brexit-map" already has an opinion map`) {
		t.Errorf("second import: exit %d, %q", code, out)
	}
	if out, code := run(t, env, "opinions", "help"); code != 0 || !strings.Contains(out, "export-polis --from SLUG --out DIR") {
		t.Errorf("opinions help: %d %q", code, out)
	}
}
