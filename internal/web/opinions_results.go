package web

import (
	"html/template"
	"net/http"
	"slices"
	"time"

	"github.com/consulta/consulta/internal/consultation"
	"github.com/consulta/consulta/internal/errs"
	"github.com/consulta/consulta/internal/i18n"
	"github.com/consulta/consulta/internal/opinion"
)

// opinionMap loads the consultation named in the URL and its computed
// opinion map, if the consultation is public and has an opinion map.
func (s *Server) opinionMap(r *http.Request) (*consultation.Consultation, opinion.Settings, *opinion.Snapshot, error) {
	c, err := s.publicConsultation(r)
	if err != nil {
		return nil, opinion.Settings{}, nil, err
	}
	set, err := s.DB.OpinionSettings(r.Context(), c.ID)
	if err != nil {
		return nil, set, nil, err
	}
	if !set.Enabled {
		return nil, set, nil, errs.E(errs.NotFound, "opinions.not_enabled")
	}
	snap, err := s.Maps.Get(r.Context(), c.ID)
	if err == nil && snap == nil {
		// Pages never compute a map; its job has been scheduled.
		err = errs.E(errs.Closed, mapComputing)
	}
	return c, set, snap, err
}

// mapComputing is the code of a map not computed yet.
const mapComputing = "opinions.computing"

// statementView is a statement as a results page shows it.
type statementView struct {
	ID   int
	Text string
	Lang string
	Dir  string
}

// shown reports whether a statement's text may appear on a public results
// page: the ones put to the vote; never rejected ones.
func shown(set opinion.Settings, st *opinion.Statement) bool {
	return st != nil && set.Votable(st.Moderation)
}

func viewStatement(snap *opinion.Snapshot, set opinion.Settings, tid int) (statementView, bool) {
	st, ok := snap.Statement(tid)
	if !ok || !shown(set, st) {
		return statementView{}, false
	}
	return statementView{ID: tid, Text: st.Body, Lang: st.Lang, Dir: i18n.Dir(st.Lang)}, true
}

type mapPage struct {
	Slug, Title                       string
	Notice, NoticeLang                string // the consultation's notice (e.g. "illustrative data")
	Participants, Statements, Votes   int
	InConversation                    int
	Computing                         bool   // no map computed yet
	Closed                            bool   // its links let nobody in any more (opinionsOpen)
	OpenUntil                         string // opinionsUntil
	Enough                            bool
	SVG                               any
	Groups                            []groupView
	ConsensusAgree, ConsensusDisagree []consensusView
	AcrossGroups                      []consensusView
	ComputedAt                        time.Time
}

type groupView struct {
	Letter  string
	Swatch  template.HTML // the group's colour and marker, as on the map
	Members int
	Items   []repView
}

type repView struct {
	statementView
	Agree          bool
	InGroup, Other int // percentages on the statement's side
	Votes          int
}

type consensusView struct {
	statementView
	Percent int
	Votes   int
}

// showOpinionMap is the public opinion map: the participants on the two
// components, the groups with their representative statements, and the
// statements most agree (or disagree) with.
func (s *Server) showOpinionMap(w http.ResponseWriter, r *http.Request) {
	c, set, snap, err := s.opinionMap(r)
	if errs.CodeOf(err) == mapComputing {
		s.showMapComputing(w, r, c)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := langFrom(r.Context(), s.Catalog)
	text, _ := c.Text(p.Lang())
	res := snap.Result
	v := mapPage{Slug: c.Slug, Title: text.Title, Notice: text.Notice, NoticeLang: contentLang(c.Texts, p.Lang(), c.OriginalLang),
		Participants: len(res.Participants), Votes: snap.Votes,
		InConversation: res.InConversation, Enough: len(res.Groups) >= 2, ComputedAt: snap.ComputedAt, Closed: !opinionsOpen(c, s.Now()), OpenUntil: opinionsUntil(p, c, s.Now())}
	for _, st := range snap.Data.Statements {
		if shown(set, &st) {
			v.Statements++
		}
	}
	if v.Enough {
		desc := p.T("opinions.map_desc", "Participants", res.InConversation, "Groups", len(res.Groups))
		for _, g := range res.Groups {
			desc += " " + p.T("opinions.map_desc_group", "Group", opinion.GroupLabel(g.ID), "Members", g.Members)
		}
		v.SVG = opinionMapSVG(res, p.T("opinions.map_title"), desc)
	}
	for _, g := range res.Groups {
		gv := groupView{Letter: opinion.GroupLabel(g.ID), Swatch: groupSwatch(g.ID), Members: g.Members}
		for _, rep := range g.Representative {
			sv, ok := viewStatement(snap, set, rep.TID)
			if !ok {
				continue
			}
			sr, _ := res.Statement(rep.TID)
			in, other := sideShares(sr, g.ID, rep.Side)
			gv.Items = append(gv.Items, repView{statementView: sv, Agree: rep.Side == opinion.Agree,
				InGroup: percent(in), Other: percent(other), Votes: rep.InGroup.Seen()})
		}
		v.Groups = append(v.Groups, gv)
	}
	v.ConsensusAgree = consensusViews(snap, set, res.ConsensusAgree, opinion.Agree)
	v.ConsensusDisagree = consensusViews(snap, set, res.ConsensusDisagree, opinion.Disagree)
	if v.Enough {
		v.AcrossGroups = acrossGroups(snap, set, 5)
	}
	s.render(w, r, http.StatusOK, "opinions_map", s.newPage(r, p.T("opinions.map_page_title", "Title", text.Title), v))
}

// showMapComputing is the map page before the first map is computed.
func (s *Server) showMapComputing(w http.ResponseWriter, r *http.Request, c *consultation.Consultation) {
	p := langFrom(r.Context(), s.Catalog)
	text, _ := c.Text(p.Lang())
	v := mapPage{Slug: c.Slug, Title: text.Title, Notice: text.Notice, NoticeLang: contentLang(c.Texts, p.Lang(), c.OriginalLang),
		Computing: true}
	s.render(w, r, http.StatusOK, "opinions_map", s.newPage(r, p.T("opinions.map_page_title", "Title", text.Title), v))
}

// sideShares is the share of group g voting on side, and of everyone else
// in the conversation.
func sideShares(sr *opinion.StatementResult, g int, side opinion.Vote) (in, other float64) {
	return sr.ByGroup[g].Share(side), sr.InConversation.Minus(sr.ByGroup[g]).Share(side)
}

func consensusViews(snap *opinion.Snapshot, set opinion.Settings, list []opinion.Consensual, side opinion.Vote) []consensusView {
	var out []consensusView
	for _, c := range list {
		sv, ok := viewStatement(snap, set, c.TID)
		if !ok {
			continue
		}
		sr, _ := snap.Result.Statement(c.TID)
		all := sr.InConversation
		out = append(out, consensusView{statementView: sv, Percent: percent(all.Share(side)), Votes: all.Seen()})
	}
	return out
}

// acrossGroups lists the statements a majority of every opinion group
// agrees with (each group's smoothed share of agreement above one half),
// highest group-informed consensus first.
func acrossGroups(snap *opinion.Snapshot, set opinion.Settings, n int) []consensusView {
	list := slices.Clone(snap.Result.Statements)
	slices.SortStableFunc(list, func(a, b opinion.StatementResult) int {
		switch {
		case a.GroupInformedConsensus > b.GroupInformedConsensus:
			return -1
		case a.GroupInformedConsensus < b.GroupInformedConsensus:
			return 1
		}
		return 0
	})
	var out []consensusView
	for _, sr := range list {
		if len(out) == n {
			break
		}
		sv, ok := viewStatement(snap, set, sr.TID)
		if !ok || sr.Rejected || !everyGroupAgrees(sr) {
			continue
		}
		out = append(out, consensusView{statementView: sv, Percent: percent(sr.GroupInformedConsensus), Votes: sr.Total.Seen()})
	}
	return out
}

func everyGroupAgrees(sr opinion.StatementResult) bool {
	for _, c := range sr.ByGroup {
		if c.SmoothedShare(opinion.Agree) <= 0.5 {
			return false
		}
	}
	return len(sr.ByGroup) > 0
}
