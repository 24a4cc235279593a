// Command ferretdb-embedded runs FerretDB v1 as an embedded library.
//
// Why a wrapper: `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds a binary that panics at
// start-up, because its build/version/version.txt is generated at release time and absent from the Go module.
// The embeddable package github.com/FerretDB/FerretDB/ferretdb does not read that file, so we drive it from here.
package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	_ "modernc.org/sqlite" // already linked by FerretDB's SQLite backend
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

	if *handler == "sqlite" {
		go indexIDsEvery(ctx, *sqliteDir, 2*time.Second, logger)
	}

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

// indexIDsEvery gives each collection's table an index on the expression FerretDB's SQLite backend filters `_id`
// with (`_ferretdb_sjson->'$._id'`). FerretDB v1.24.2 creates its unique `_id` index on `_ferretdb_sjson->"_id"`,
// which SQLite does not match with the query's expression: without this, every lookup by `_id` reads the whole table
// (docs/benchmarks.md, "What FerretDB pushes down"). Tables appear with collections, so it looks again every `every`.
func indexIDsEvery(ctx context.Context, dir string, every time.Duration, logger *slog.Logger) {
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		for _, f := range files {
			if err := indexIDs(ctx, f); err != nil && ctx.Err() == nil {
				logger.Debug("cannot index _id", "file", f, "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

// indexIDs adds the missing `_id` expression indexes of one database file.
func indexIDs(ctx context.Context, file string) error {
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT table_name FROM _ferretdb_collections c WHERE NOT EXISTS `+
		`(SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = c.table_name || '_id_path')`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var t string
		if rows.Scan(&t) == nil {
			tables = append(tables, t)
		}
	}
	if err := rows.Close(); err != nil {
		return err
	}
	for _, t := range tables {
		q := strings.ReplaceAll(t, `"`, `""`)
		if _, err := db.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS "`+q+`_id_path" ON "`+q+`" (_ferretdb_sjson->'$._id')`); err != nil {
			return err
		}
	}
	return nil
}
