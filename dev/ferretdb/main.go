// Command ferretdb-embedded runs FerretDB v1 as an embedded library.
//
// Why a wrapper: `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds a binary that panics at
// start-up, because its build/version/version.txt is generated at release time and absent from the Go module.
// The embeddable package github.com/FerretDB/FerretDB/ferretdb does not read that file, so we drive it from here.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	handler := flag.String("handler", "sqlite", "backend: sqlite or postgresql")
	sqliteDir := flag.String("sqlite-dir", "data", "directory of the SQLite databases (sqlite handler)")
	pgURL := flag.String("postgresql-url", "", "PostgreSQL URL (postgresql handler)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintln(os.Stderr, "bad -log-level:", err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	cfg := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
		Handler:  *handler,
	}
	switch *handler {
	case "sqlite":
		if err := os.MkdirAll(*sqliteDir, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "cannot create SQLite directory:", err)
			os.Exit(1)
		}
		cfg.SQLiteURL = "file:" + *sqliteDir + "/"
	case "postgresql":
		cfg.PostgreSQLURL = *pgURL
	default:
		fmt.Fprintln(os.Stderr, "unknown -handler:", *handler)
		os.Exit(2)
	}

	f, err := ferretdb.New(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot start FerretDB:", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	// MongoDBURI() may block until Run has bound the listener, so log the configured address instead;
	// the launcher waits for a real ping before it uses the server.
	logger.Warn("FerretDB starting", "listen", *listen, "handler", *handler)
	if err := <-done; err != nil {
		fmt.Fprintln(os.Stderr, "FerretDB stopped with an error:", err)
		os.Exit(1)
	}
}
