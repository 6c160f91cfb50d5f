// Command consulta runs the Consulta platform; see `consulta help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/consulta/consulta/internal/cli"
)

func main() {
	cli.TuneGC(os.LookupEnv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.LookupEnv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
