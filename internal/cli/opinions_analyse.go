package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/consulta/consulta/internal/opinion"
	"github.com/consulta/consulta/internal/polis"
)

// runOpinionsAnalyse: `consulta opinions analyse --polis DIR [--json]
// [--groups-from-export | --replay] [--every 1s]` computes the opinion map of a Pol.is open-data
// folder without touching any database.
func runOpinionsAnalyse(_ context.Context, args []string, e env) error {
	const use = "usage: consulta opinions analyse --polis DIR [--json] [--groups-from-export | --replay] [--every 1s]"
	fs := flag.NewFlagSet("consulta opinions analyse", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dir := fs.String("polis", "", "Pol.is open-data folder (comments.csv, votes.csv, participants-votes.csv)")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	fromExport := fs.Bool("groups-from-export", false, "use the export's own group-id column instead of computing groups")
	every := fs.Duration("every", opinion.ReplayEvery, "the interval of the updates the history is replayed in (Pol.is's worker: 1s); a longer one costs less on a large export and changes the history")
	replay := fs.Bool("replay", false, "replay votes.csv in the order the votes were cast, recomputing after every second with votes, as Pol.is's math worker does, each time from the previous map")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *dir == "" || len(pos) != 0 || (*fromExport && *replay) || *every <= 0 {
		return errors.New(use)
	}
	export, err := polis.Read(*dir)
	if err != nil {
		return err
	}
	in := export.Input()
	if *fromExport {
		in.Groups = export.GroupIDs()
		if len(in.Groups) == 0 {
			return fmt.Errorf("%s: participants-votes.csv has no group-id values to use", *dir)
		}
	}
	var res *opinion.Result
	switch {
	case *replay:
		res = opinion.Replay(in.Statements, export.TimedVotes(), *every)
	case *fromExport:
		res = opinion.Analyse(in)
	default:
		// One computation on the final votes, following the rules whose
		// state the votes' history decides (admission, the number of groups).
		res = opinion.AnalyseHistory(in.Statements, export.TimedVotes(), *every)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		return enc.Encode(res.Report(nil))
	}
	printAnalysis(e, export, res)
	return nil
}

// printAnalysis is the human-readable summary.
func printAnalysis(e env, export *polis.Export, res *opinion.Result) {
	body := map[int]string{}
	for _, c := range export.Comments {
		body[c.ID] = strings.Join(strings.Fields(c.Body), " ")
	}
	clip := func(s string) string {
		if r := []rune(s); len(r) > 90 {
			return string(r[:89]) + "…"
		}
		return s
	}
	fmt.Fprintf(e.stdout, "%d participants, %d in the conversation, %d statements, %d opinion groups\n",
		len(res.Participants), res.InConversation, len(res.Statements), len(res.Groups))
	for _, g := range res.Groups {
		fmt.Fprintf(e.stdout, "\ngroup %s: %d participants\n", opinion.GroupLabel(g.ID), g.Members)
		for _, r := range g.Representative {
			fmt.Fprintf(e.stdout, "  %-8s %3.0f%%  #%d %s\n", r.Side, 100*r.InGroup.Share(r.Side), r.TID, clip(body[r.TID]))
		}
	}
	fmt.Fprintln(e.stdout, "\nconsensus (agree):")
	for _, c := range res.ConsensusAgree {
		fmt.Fprintf(e.stdout, "  p=%.2f  #%d %s\n", c.P, c.TID, clip(body[c.TID]))
	}
	fmt.Fprintln(e.stdout, "consensus (disagree):")
	for _, c := range res.ConsensusDisagree {
		fmt.Fprintf(e.stdout, "  p=%.2f  #%d %s\n", c.P, c.TID, clip(body[c.TID]))
	}
}
