/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sodangbo-cli: the same core as the window, for scripts, imports and the office's checks. */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "sdb-database.h"
#include "sdb-vn.h"

/* Exit codes shared by every command (scripts rely on them). */
enum
{
  EXIT_OK = 0,
  EXIT_INPUT = 1,     /* the input was refused; nothing changed */
  EXIT_USAGE = 2,
  EXIT_DATABASE = 3,  /* the database could not be used */
};

static char *opt_db;
static gboolean opt_version;

static const GOptionEntry entries[] = {
  { "db", 'd', 0, G_OPTION_ARG_FILENAME, &opt_db,
    N_("The database to use (default: the one the window opens)"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_("Show the version and exit"), NULL },
  { NULL }
};

static SdbDatabase *
open_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = opt_db ? g_strdup (opt_db) : sdb_database_dup_default_path ();
  SdbDatabase *db = sdb_database_open (path, &error);

  if (db == NULL)
    g_printerr ("sodangbo-cli: %s\n", error->message);
  return db;
}

static int
command_info (void)
{
  g_autoptr(SdbDatabase) db = open_database ();
  g_autofree char *collator = NULL;
  g_autofree char *created_with = NULL;

  if (db == NULL)
    return EXIT_DATABASE;

  collator = sdb_vn_collator_version ();
  created_with = sdb_database_dup_meta (db, "created_with");
  g_print (_("Database: %s\n"), sdb_database_get_path (db));
  g_print (_("Database version: %d\n"), sdb_database_get_schema_version (db));
  g_print (_("Created by program version: %s\n"), created_with ? created_with : "?");
  g_print (_("Program version: %s\n"), PACKAGE_VERSION);
  g_print (_("SQLite version: %s\n"), sqlite3_libversion ());
  g_print (_("Vietnamese collation: %s\n"), collator);
  return EXIT_OK;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SDB_LOCALEDIR") ? g_getenv ("SDB_LOCALEDIR")
                                                               : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND — work with the records of Sổ Đảng bộ"));
  summary = g_strdup_printf ("%s\n  info    %s", _("Commands:"),
                             _("Show which database is used and the program's versions"));
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("sodangbo-cli: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (opt_version)
    {
      g_print ("sodangbo-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "info") && argc == 2)
    return command_info ();

  g_printerr (_("sodangbo-cli: unknown command “%s”. Run “sodangbo-cli --help” to see the "
                "commands.\n"), argv[1]);
  return EXIT_USAGE;
}
