/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sodangbo-cli: the same core as the window, for scripts, imports and the office's checks. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "sdb-backup.h"
#include "sdb-badge.h"
#include "sdb-check.h"
#include "sdb-database.h"
#include "sdb-demo.h"
#include "sdb-csv.h"
#include "sdb-enums.h"
#include "sdb-history-format.h"
#include "sdb-history.h"
#include "sdb-interchange.h"
#include "sdb-organization.h"
#include "sdb-profile.h"
#include "sdb-report.h"
#include "sdb-stats.h"
#include "sdb-term.h"
#include "sdb-types.h"
#include "sdb-vn.h"
#include "sdb-xlsx.h"

/* Exit codes shared by every command (scripts rely on them). */
enum
{
  EXIT_OK = 0,
  EXIT_INPUT = 1,     /* the input was refused, or a check failed; nothing changed */
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

/* The options every command takes besides its own: --db may come before or after it. */
static const GOptionEntry command_entries[] = {
  { "db", 'd', 0, G_OPTION_ARG_FILENAME, &opt_db,
    N_("The database to use (default: the one the window opens)"), N_("FILE") },
  { NULL }
};

static int
exit_code_for (const GError *error)
{
  if (error->domain == SDB_DATABASE_ERROR
      && (error->code == SDB_DATABASE_ERROR_INVALID
          || error->code == SDB_DATABASE_ERROR_NOT_FOUND
          || error->code == SDB_DATABASE_ERROR_IN_USE
          || error->code == SDB_DATABASE_ERROR_EXISTS))
    return EXIT_INPUT;
  return EXIT_DATABASE;
}

static int
report_error (const GError *error)
{
  g_printerr ("sodangbo-cli: %s\n", error->message);
  return exit_code_for (error);
}

/* Records are UTF-8, and so are the office's files and terminals: they are written as they are,
 * also under LC_ALL=C, rather than turned into question marks. */
static void
print_utf8 (const char *text)
{
  fputs (text, stdout);
}

static void
printerr_utf8 (const char *text)
{
  fputs (text, stderr);
}

typedef SdbDatabase *(*OpenFunc) (const char *path, GError **error);

static SdbDatabase *
open_database_with (OpenFunc open_func)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = opt_db ? g_strdup (opt_db) : sdb_database_dup_default_path ();
  SdbDatabase *db = open_func (path, &error);

  if (db == NULL)
    g_printerr ("sodangbo-cli: %s\n", error->message);
  return db;
}

/* For a command that only reads: the database opened read-only, so that the command works
 * where the file cannot be written (a locked USB stick, a CD) and never changes it. */
static SdbDatabase *
open_database (void)
{
  return open_database_with (sdb_database_open_read_only);
}

/* For import and restore, which keep the state before them in a backup of their own: the
 * database opened for writing, created and brought up to date when needed. */
static SdbDatabase *
open_database_writable (void)
{
  return open_database_with (sdb_database_open);
}

/* For the other commands that write: the database, after the day's automatic backup (the first
 * write command of a day makes one; sdb-backup.h). */
static SdbDatabase *
open_database_for_writing (void)
{
  g_autoptr(SdbDatabase) db = open_database_writable ();
  g_autoptr(GError) error = NULL;

  if (db == NULL)
    return NULL;
  if (!sdb_database_backup_daily (db, NULL, &error))
    {
      g_printerr ("sodangbo-cli: %s\n", error->message);
      return NULL;
    }
  return g_steal_pointer (&db);
}

/* Parses the options of one command; @argv[0] is the command's name. */
static gboolean
parse_command (int                 *argc,
               char              ***argv,
               const char          *parameters,
               const char          *summary,
               const GOptionEntry  *own_entries,
               int                 *status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameters);
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, summary);
  if (own_entries != NULL)
    g_option_context_add_main_entries (context, own_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, command_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      g_printerr ("sodangbo-cli: %s\n", error->message);
      *status = EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("sodangbo-cli: %s\n", message);
  return EXIT_USAGE;
}

/* One line per problem, "error: FIELD: message", in the form the check command also uses. */
static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SdbProblem *problem = g_ptr_array_index (problems, i);

      g_printerr ("%s: %s: %s\n", sdb_enum_to_code (SDB_TYPE_SEVERITY, problem->severity),
                  problem->field != NULL ? problem->field : "-", problem->message);
    }
}

static int
command_info (int    argc,
              char **argv)
{
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(SdbProfile) profile = NULL;
  g_autoptr(SdbTerm) term = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *collator = NULL;
  g_autofree char *created_with = NULL;
  int status = EXIT_OK;

  if (!parse_command (&argc, &argv, "info",
                      _("Show which database is used, whose it is and the program's versions."),
                      NULL, &status))
    return status;
  if (argc != 1)
    return usage_error (_("info takes no arguments."));

  db = open_database ();
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

  profile = sdb_profile_lookup_for_date (db, NULL, NULL);
  if (profile == NULL)
    {
      g_print (_("Party organization: not entered yet (run “sodangbo-cli init”)\n"));
      return EXIT_OK;
    }
  g_print (_("Party organization: %s\n"), sdb_profile_get_name (profile));
  g_print (_("Committee: %s\n"), sdb_profile_get_committee_name (profile));
  g_print (_("Level: %s\n"), sdb_enum_get_label (SDB_TYPE_LEVEL, sdb_profile_get_level (profile)));

  now = g_date_time_new_now_local ();
  term = sdb_term_lookup_for_year (db, g_date_time_get_year (now), NULL);
  if (term != NULL)
    {
      g_autofree char *label = sdb_term_dup_label (term);

      g_print (_("Current term: %s\n"), label);
    }
  else
    {
      g_autoptr(GListModel) terms = sdb_term_list (db, NULL);
      guint n = terms != NULL ? g_list_model_get_n_items (terms) : 0;

      if (n > 0)
        {
          g_autoptr(SdbTerm) latest = g_list_model_get_item (terms, n - 1);
          g_autofree char *label = sdb_term_dup_label (latest);

          g_print (_("Latest term: %s\n"), label);
        }
    }
  return EXIT_OK;
}

/* "2020-2025" or "2020–2025" as offices write it. */
static gboolean
parse_term (const char *text,
            int        *first_year,
            int        *last_year)
{
  g_auto(GStrv) parts = NULL;
  gint64 first = 0;
  gint64 last = 0;
  g_autofree char *plain = NULL;

  plain = g_strdelimit (g_strdup (text), " ", '-');
  /* An en dash is three bytes; make it a hyphen. */
  parts = g_strsplit (plain, "\xe2\x80\x93", 2);
  if (g_strv_length (parts) == 2)
    {
      g_free (plain);
      plain = g_strjoinv ("-", parts);
    }
  g_clear_pointer (&parts, g_strfreev);
  parts = g_strsplit (plain, "-", -1);
  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_signed (parts[0], 10, 0, 9999, &first, NULL)
      || !g_ascii_string_to_signed (parts[1], 10, 0, 9999, &last, NULL))
    return FALSE;
  *first_year = (int) first;
  *last_year = (int) last;
  return TRUE;
}

static int
command_init (int    argc,
              char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *committee = NULL;
  g_autofree char *level_code = NULL;
  g_autofree char *symbol = NULL;
  g_autofree char *term_text = NULL;
  g_autofree char *since_text = NULL;
  const GOptionEntry init_entries[] = {
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &name,
      N_("The party organization’s full name, e.g. “Đảng bộ xã Minh Tân”"), N_("NAME") },
    { "committee", 0, 0, G_OPTION_ARG_FILENAME, &committee,
      N_("The committee’s name, e.g. “Đảng ủy xã Minh Tân”"), N_("NAME") },
    { "level", 0, 0, G_OPTION_ARG_FILENAME, &level_code,
      N_("The committee’s level: district, commune, province or grassroots"), N_("LEVEL") },
    { "symbol", 0, 0, G_OPTION_ARG_FILENAME, &symbol,
      N_("The symbol on its documents, e.g. ĐU"), N_("SYMBOL") },
    { "term", 0, 0, G_OPTION_ARG_FILENAME, &term_text,
      N_("The current term, e.g. 2020-2025"), N_("FIRST-LAST") },
    { "since", 0, 0, G_OPTION_ARG_FILENAME, &since_text,
      N_("The date from which the name applies (default: the term’s first year, or this "
         "year)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(SdbProfile) existing = NULL;
  g_autoptr(SdbProfile) profile = NULL;
  g_autoptr(SdbTerm) term = NULL;
  g_autoptr(GPtrArray) problems = sdb_problems_new ();
  g_autoptr(GError) error = NULL;
  SdbDate since = { 0, 0, 0 };
  int first_year = 0;
  int last_year = 0;
  int level = 0;
  int status = EXIT_OK;
  gboolean ok;

  if (!parse_command (&argc, &argv, _("init --name NAME --committee NAME --level LEVEL"),
                      _("Enter who the committee is, in a new database: its name, level and "
                        "term, and the default sectors."), init_entries, &status))
    return status;
  if (argc != 1)
    return usage_error (_("init takes no arguments besides its options."));
  /* The texts are taken as bytes (whatever the locale's charset) and must be UTF-8, as every
   * terminal and script of the office writes them. */
  for (guint i = 0; i < G_N_ELEMENTS (init_entries) - 1; i++)
    {
      const char *value = *(char **) init_entries[i].arg_data;

      if (value != NULL && !g_utf8_validate (value, -1, NULL))
        return usage_error (_("The value of --%s is not UTF-8 text."), init_entries[i].long_name);
    }
  if (name == NULL)
    return usage_error (_("Give the party organization’s name with --name."));
  if (committee == NULL)
    return usage_error (_("Give the committee’s name with --committee."));
  if (level_code == NULL || !sdb_enum_from_code (SDB_TYPE_LEVEL, level_code, &level))
    {
      g_autofree char *codes = sdb_enum_dup_codes (SDB_TYPE_LEVEL);

      return usage_error (_("Give the level with --level, one of: %s."), codes);
    }
  if (term_text != NULL && !parse_term (term_text, &first_year, &last_year))
    return usage_error (_("Write the term as two years, e.g. --term 2020-2025."));

  if (since_text != NULL && !sdb_vn_parse_date (since_text, SDB_VN_DATE_DEFAULT, &since, &error))
    {
      /* Reported beside what validation finds; nothing is written, so any date stands in. */
      sdb_problems_add (problems, "since", SDB_SEVERITY_ERROR, "%s", error->message);
      g_clear_error (&error);
      since.year = SDB_DATE_YEAR_MIN;
    }
  else if (since_text == NULL && term_text != NULL)
    since.year = (gint16) CLAMP (first_year, 0, G_MAXINT16);
  else if (since_text == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      since.year = (gint16) g_date_time_get_year (now);
    }

  db = open_database_for_writing ();
  if (db == NULL)
    return EXIT_DATABASE;

  existing = sdb_profile_lookup_for_date (db, NULL, &error);
  if (existing != NULL)
    {
      g_printerr (_("sodangbo-cli: this database already belongs to “%s”. Nothing was changed; "
                    "use another database for another committee.\n"),
                  sdb_profile_get_name (existing));
      return EXIT_INPUT;
    }
  if (!g_error_matches (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND))
    return report_error (error);
  g_clear_error (&error);

  profile = sdb_profile_new ();
  sdb_profile_set_since (profile, &since);
  sdb_profile_set_name (profile, name);
  sdb_profile_set_committee_name (profile, committee);
  sdb_profile_set_level (profile, level);
  sdb_profile_set_symbol (profile, symbol != NULL ? symbol : "");
  if (term_text != NULL)
    term = sdb_term_new (first_year, last_year);

  /* Every problem of both records at once, before anything is written. */
  if (!sdb_profile_validate (db, profile, problems, &error)
      || (term != NULL && !sdb_term_validate (db, term, problems, &error)))
    return report_error (error);
  print_problems (problems);
  if (sdb_problems_has_errors (problems))
    return EXIT_INPUT;

  /* All or nothing: a profile without its term or sectors would have to be finished by hand. */
  if (!sdb_database_begin (db, &error))
    return report_error (error);
  ok = sdb_profile_insert (db, profile, NULL, &error)
       && (term == NULL || sdb_term_insert (db, term, NULL, &error))
       && sdb_sector_insert_defaults (db, &error);
  if (!ok)
    {
      sdb_database_rollback (db);
      return report_error (error);
    }
  /* A commit that fails has rolled back already. */
  if (!sdb_database_commit (db, &error))
    return report_error (error);

  g_printerr (_("The database now belongs to “%s”.\n"), sdb_profile_get_name (profile));
  return EXIT_OK;
}

/* @usec as seconds with one decimal, the Vietnamese way: "3,5". */
static char *
format_seconds (gint64 usec)
{
  gint64 tenths = (MAX (usec, 0) + G_USEC_PER_SEC / 20) / (G_USEC_PER_SEC / 10);
  g_autofree char *whole = sdb_vn_format_int (tenths / 10);

  return g_strdup_printf ("%s,%d", whole, (int) (tenths % 10));
}

static int
command_demo (int    argc,
              char **argv)
{
  int members = -1;
  int from = 0;
  int to = 0;
  gint64 seed = -1;
  const GOptionEntry demo_entries[] = {
    { "members", 0, 0, G_OPTION_ARG_INT, &members, N_("How many members to invent"), N_("N") },
    { "from", 0, 0, G_OPTION_ARG_INT, &from, N_("The first year of invented history"),
      N_("YEAR") },
    { "to", 0, 0, G_OPTION_ARG_INT, &to, N_("The last year of invented history"), N_("YEAR") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("The same seed invents the same records"), N_("SEED") },
    { NULL }
  };
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  SdbDemoOptions options;
  g_autofree char *count = NULL;
  g_autofree char *seconds = NULL;
  gint64 start;
  int status = EXIT_OK;

  if (!parse_command (&argc, &argv, "demo",
                      _("Fill the database with invented records, to try the program or to "
                        "test it at a province’s size."), demo_entries, &status))
    return status;
  if (argc != 1)
    return usage_error (_("demo takes no arguments besides its options."));
  if (members < -1 || seed < -1 || seed > G_MAXUINT32)
    return usage_error (_("--members and --seed take a number of 0 or more."));

  sdb_demo_options_init (&options);
  if (members >= 0)
    options.members = (guint) members;
  if (from != 0)
    options.first_year = from;
  if (to != 0)
    options.last_year = to;
  if (seed >= 0)
    options.seed = (guint32) seed;

  db = open_database_for_writing ();
  if (db == NULL)
    return EXIT_DATABASE;

  start = g_get_monotonic_time ();
  if (!sdb_demo_generate (db, &options, &error))
    return report_error (error);
  count = sdb_vn_format_int (options.members);
  seconds = format_seconds (g_get_monotonic_time () - start);
  /* TRANSLATORS: the count and the seconds come formatted ("12.000", "3,5"). */
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Invented %s member from %d to %d in %s s.\n",
                        "Invented %s members from %d to %d in %s s.\n", options.members),
           count, options.first_year, options.last_year, seconds);
  return EXIT_OK;
}

/* A long command's progress, on one line of a terminal that is redrawn at most ten times a
 * second and cleared before anything else is printed. Nothing is drawn where messages go to a
 * file or a pipe. @text says how far, from the figures the core reports. */
typedef struct
{
  char    *(*text) (guint64 done, guint64 total);
  gint64     drawn_at;
  gboolean   drawn;
} Progress;

static void
draw_progress (guint64  done,
               guint64  total,
               gpointer user_data)
{
  Progress *progress = user_data;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *text = NULL;

  if (done < total && now - progress->drawn_at < G_USEC_PER_SEC / 10)
    return;
  progress->drawn_at = now;
  progress->drawn = TRUE;
  text = progress->text (done, total);
  g_printerr ("\r\033[K%s", text);
}

static void
clear_progress (Progress *progress)
{
  if (progress->drawn)
    g_printerr ("\r\033[K");
  progress->drawn = FALSE;
}

static void
start_progress (SdbDatabase *db,
                Progress    *progress)
{
  if (isatty (STDERR_FILENO))
    sdb_database_set_progress_func (db, draw_progress, progress);
}

static void
end_progress (SdbDatabase *db,
              Progress    *progress)
{
  sdb_database_set_progress_func (db, NULL, NULL);
  clear_progress (progress);
}

/* The share done, in whole percents, never 100 before the end. */
static guint
percent_done (guint64 done,
              guint64 total)
{
  return total == 0 || done >= total ? 100 : (guint) (done * 100 / total);
}

static char *
check_progress_text (guint64 done,
                     guint64 total)
{
  /* TRANSLATORS: %u is a whole percent, 0 to 100; "%%" is the percent sign. */
  return g_strdup_printf (_("Checking: %u%%…"), percent_done (done, total));
}

static void
print_check_problem (const char       *where,
                     const SdbProblem *problem,
                     gpointer          user_data)
{
  /* The problems go to standard output, which may be the same terminal. */
  clear_progress (user_data);
  g_print ("%s: %s: %s: %s\n", sdb_enum_to_code (SDB_TYPE_SEVERITY, problem->severity),
           where != NULL ? where : "-", problem->field != NULL ? problem->field : "-",
           problem->message);
}

static int
command_check (int    argc,
               char **argv)
{
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *errors_text = NULL;
  g_autofree char *warnings_text = NULL;
  guint n_errors = 0;
  guint n_warnings = 0;
  Progress progress = { check_progress_text, 0, FALSE };
  int status = EXIT_OK;
  gboolean ok;

  if (!parse_command (&argc, &argv, "check",
                      _("Check the whole database: SQLite’s own check and every rule of the "
                        "records. Exits with 1 when an error is found."), NULL, &status))
    return status;
  if (argc != 1)
    return usage_error (_("check takes no arguments."));

  db = open_database ();
  if (db == NULL)
    return EXIT_DATABASE;

  start_progress (db, &progress);
  ok = sdb_check_run (db, print_check_problem, &progress, &n_errors, &n_warnings, &error);
  end_progress (db, &progress);
  if (!ok)
    return report_error (error);

  errors_text = sdb_vn_format_int (n_errors);
  warnings_text = sdb_vn_format_int (n_warnings);
  /* TRANSLATORS: %s is a count, formatted ("1.204"). */
  errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s error", "%s errors", n_errors),
                            errors_text);
  /* TRANSLATORS: %s is a count, formatted ("1.204"). */
  warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s warning", "%s warnings",
                                           n_warnings), warnings_text);
  /* TRANSLATORS: the first %s is "N errors", the second "N warnings". */
  g_printerr (_("Check finished: %s, %s.\n"), errors, warnings);
  return n_errors > 0 ? EXIT_INPUT : EXIT_OK;
}

static int
command_backup (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry backup_entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The backup file to create; it must not exist yet"), N_("FILE") },
    { NULL }
  };
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_OK;

  if (!parse_command (&argc, &argv, _("backup -o FILE"),
                      _("Copy the database into a new file, even while the program is in use."),
                      backup_entries, &status))
    return status;
  if (argc != 1)
    return usage_error (_("backup takes no arguments besides -o FILE."));
  if (output == NULL)
    return usage_error (_("Give the backup file to create with -o FILE."));

  db = open_database ();
  if (db == NULL)
    return EXIT_DATABASE;
  if (!sdb_database_backup (db, output, &error))
    return report_error (error);
  g_print ("%s\n", output);
  return EXIT_OK;
}

static int
command_restore (int    argc,
                 char **argv)
{
  g_autofree char *source = NULL;
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *path = NULL;
  int status = EXIT_OK;

  if (!parse_command (&argc, &argv, _("restore NAME|FILE"),
                      _("Replace the content of the database with a backup: one listed by "
                        "“sodangbo-cli backups”, or any backup file. What it held before is "
                        "kept in the backups folder, under the name printed."),
                      NULL, &status))
    return status;
  if (argc != 2)
    return usage_error (_("Give the one backup to restore: its name or its file."));

  db = open_database_writable ();
  if (db == NULL)
    return EXIT_DATABASE;

  /* A bare name is one of the automatic backups. */
  if (strchr (argv[1], G_DIR_SEPARATOR) == NULL)
    {
      g_autofree char *folder = sdb_database_dup_backups_folder (db);
      g_autofree char *candidate = g_build_filename (folder, argv[1], NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        source = g_steal_pointer (&candidate);
    }
  if (source == NULL)
    source = g_strdup (argv[1]);

  if (!sdb_database_restore (db, source, &saved, &error))
    {
      if (saved != NULL)
        g_printerr (_("sodangbo-cli: what the database held before is kept in “%s”.\n"), saved);
      return report_error (error);
    }
  g_print ("%s\n", saved);

  /* Opening again brings a backup from an older version up to date. */
  path = g_strdup (sdb_database_get_path (db));
  g_clear_object (&db);
  db = sdb_database_open (path, &error);
  if (db == NULL)
    return report_error (error);
  g_printerr (_("Restored “%s”. What the database held before is kept in “%s”.\n"),
              source, saved);
  return EXIT_OK;
}

/* stats and report ------------------------------------------------------------------------- */

/* The organization named by --org, or 0 for the whole committee; FALSE when the code is
 * unknown (the message is printed). */
static gboolean
find_organization (SdbDatabase *db,
                   const char  *code,
                   gint64      *organization_id,
                   int         *status)
{
  g_autoptr(SdbOrganization) organization = NULL;
  g_autoptr(GError) error = NULL;

  *organization_id = 0;
  if (code == NULL)
    return TRUE;
  organization = sdb_organization_lookup_by_code (db, code, &error);
  if (organization == NULL)
    {
      *status = report_error (error);
      return FALSE;
    }
  *organization_id = sdb_organization_get_id (organization);
  return TRUE;
}

typedef struct
{
  int   indent;
  char *label;
  char *value;  /* NULL for a heading */
} Row;

static void
row_free (Row *row)
{
  g_free (row->label);
  g_free (row->value);
  g_free (row);
}

static void
add_row (GPtrArray  *rows,
         int         indent,
         const char *label,
         char       *value)
{
  Row *row = g_new0 (Row, 1);

  row->indent = indent;
  row->label = g_strdup (label);
  row->value = value;
  g_ptr_array_add (rows, row);
}

static void
add_count (GPtrArray  *rows,
           int         indent,
           const char *label,
           gint64      count)
{
  add_row (rows, indent, label, sdb_vn_format_int (count));
}

/* "7/16 (43,8%)", or the count alone when there is no base. */
static char *
format_share (gint64   part,
              gint64   base,
              gboolean with_base)
{
  g_autofree char *count = sdb_vn_format_int (part);
  g_autofree char *total = sdb_vn_format_int (base);
  g_autofree char *percent = sdb_vn_format_percent (part, base, 1);

  if (percent == NULL)
    return g_steal_pointer (&count);
  if (with_base)
    return g_strdup_printf ("%s/%s (%s)", count, total, percent);
  return g_strdup_printf ("%s (%s)", count, percent);
}

static void
add_ratings (GPtrArray             *rows,
             const char            *heading,
             const char            *unit_rated,
             const SdbRatingCounts *counts)
{
  add_row (rows, 0, heading, NULL);
  add_count (rows, 1, unit_rated, counts->rated);
  for (int grade = 0; grade < SDB_STATS_GRADES; grade++)
    add_row (rows, 2, sdb_enum_get_label (SDB_TYPE_GRADE, grade),
             format_share (counts->grades[grade], counts->rated, FALSE));
  add_row (rows, 2, _("Good or better"),
           format_share (sdb_rating_counts_good_or_better (counts), counts->rated, TRUE));
  add_count (rows, 1, _("Not rated"), counts->not_rated);
  add_count (rows, 1, _("No record for the year"), counts->missing);
}

/* The figures as a table a person reads; the same numbers as --json. */
static void
print_stats_table (const SdbStats *s)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_autofree char *year = sdb_vn_format_year (s->year);
  SdbDate last_day = { (gint16) s->year, 12, 31 };
  g_autofree char *date = sdb_vn_format_date (&last_day);
  g_autofree char *heading = NULL;
  glong width = 0;

  /* TRANSLATORS: "Figures of 2024: Đảng bộ xã Minh Tân". */
  g_print (_("Figures of %s: %s\n"), year, s->committee);

  if (s->has_organizations)
    {
      /* TRANSLATORS: %s is a date, 31/12/2024. */
      heading = g_strdup_printf (_("Party organizations on %s"), date);
      add_row (rows, 0, heading, NULL);
      g_clear_pointer (&heading, g_free);
      add_count (rows, 1, _("Grassroots party organizations (TCCS)"),
                 sdb_stats_get_grassroots (s));
      add_count (rows, 2, sdb_enum_get_label (SDB_TYPE_ORGANIZATION_KIND,
                                              SDB_ORGANIZATION_KIND_DANG_BO_CO_SO),
                 s->organizations[SDB_ORGANIZATION_KIND_DANG_BO_CO_SO]);
      add_count (rows, 2, sdb_enum_get_label (SDB_TYPE_ORGANIZATION_KIND,
                                              SDB_ORGANIZATION_KIND_CHI_BO_CO_SO),
                 s->organizations[SDB_ORGANIZATION_KIND_CHI_BO_CO_SO]);
      for (int kind = 0; kind < SDB_STATS_ORGANIZATION_KINDS; kind++)
        if (kind != SDB_ORGANIZATION_KIND_DANG_BO_CO_SO
            && kind != SDB_ORGANIZATION_KIND_CHI_BO_CO_SO)
          add_count (rows, 1, sdb_enum_get_label (SDB_TYPE_ORGANIZATION_KIND, kind),
                     s->organizations[kind]);
    }
  if (s->has_members)
    {
      /* TRANSLATORS: %s is a date, 31/12/2024. */
      heading = g_strdup_printf (_("Members on %s"), date);
      add_row (rows, 0, heading, NULL);
      g_clear_pointer (&heading, g_free);
      add_count (rows, 1, _("Total"), s->total);
      add_count (rows, 2, _("Official"), s->official);
      add_count (rows, 2, _("Probationary"), s->probationary);
      add_count (rows, 2, _("Exempt from work and meetings"), s->exempt);
      /* TRANSLATORS: %s is a year. */
      heading = g_strdup_printf (_("Changes during %s"), year);
      add_row (rows, 0, heading, NULL);
      g_clear_pointer (&heading, g_free);
      add_count (rows, 1, _("Admitted"), s->admitted);
      add_count (rows, 1, _("Readmitted"), s->readmitted);
      add_count (rows, 1, _("Transferred in"), s->transferred_in);
      add_count (rows, 1, _("Transferred out"), s->transferred_out);
      for (int reason = 0; reason < SDB_STATS_LEAVING_REASONS; reason++)
        add_count (rows, 1, sdb_enum_get_label (SDB_TYPE_LEAVING_REASON, reason),
                   s->left[reason]);
    }
  if (s->has_members || s->has_target || s->has_term)
    {
      add_row (rows, 0, _("Admissions against targets"), NULL);
      add_row (rows, 1, s->has_target ? _("This year, against its target") : _("This year"),
               s->has_target ? format_share (s->admitted, s->target, TRUE)
                             : sdb_vn_format_int (s->admitted));
      if (s->has_term)
        {
          g_autofree char *first = sdb_vn_format_year (s->term_first_year);
          g_autofree char *last = sdb_vn_format_year (s->term_last_year);

          /* TRANSLATORS: "Since the start of the term 2020–2025". */
          heading = g_strdup_printf (_("Since the start of the term %s–%s"), first, last);
          add_row (rows, 1, heading, format_share (s->term_count, s->term_target, TRUE));
          g_clear_pointer (&heading, g_free);
        }
    }
  if (s->has_organization_ratings)
    add_ratings (rows, _("Ratings of the grassroots organizations"),
                 _("Rated organizations"), &s->organization_ratings);
  if (s->has_member_ratings)
    add_ratings (rows, _("Ratings of the members"), _("Rated members"), &s->member_ratings);
  if (s->has_badges)
    {
      guint n_steps;
      const int *steps = sdb_badge_get_steps (&n_steps);

      add_row (rows, 0, _("Party badges given"), NULL);
      add_count (rows, 1, _("Total"), s->badges_total);
      for (guint i = 0; i < n_steps; i++)
        if (s->badges[i] > 0)
          {
            /* TRANSLATORS: a Party badge for %d years of party age. */
            heading = g_strdup_printf (_("%d years"), steps[i]);
            add_count (rows, 2, heading, s->badges[i]);
            g_clear_pointer (&heading, g_free);
          }
    }
  if (s->has_awards)
    {
      add_row (rows, 0, _("Awards"), NULL);
      add_count (rows, 1, _("To collectives"), s->awards_collective);
      add_count (rows, 1, _("To individuals"), s->awards_individual);
    }
  if (s->has_meetings)
    {
      add_row (rows, 0, _("Meetings"), NULL);
      add_count (rows, 1, _("Total"), s->meetings_total);
      for (int kind = 0; kind < SDB_STATS_MEETING_KINDS; kind++)
        if (s->meetings[kind] > 0)
          add_count (rows, 2, sdb_enum_get_label (SDB_TYPE_MEETING_KIND, kind), s->meetings[kind]);
    }

  if (rows->len == 0)
    {
      g_print (_("No records for this year.\n"));
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = g_ptr_array_index (rows, i);

      if (row->value != NULL)
        width = MAX (width, 2 * row->indent + g_utf8_strlen (row->label, -1));
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = g_ptr_array_index (rows, i);
      glong used = 2 * row->indent + g_utf8_strlen (row->label, -1);
      GString *line = g_string_new (NULL);

      if (row->value == NULL)
        g_string_append_c (line, '\n');
      for (int k = 0; k < row->indent; k++)
        g_string_append (line, "  ");
      g_string_append (line, row->label);
      if (row->value != NULL)
        {
          for (glong k = used; k < width + 2; k++)
            g_string_append_c (line, ' ');
          g_string_append (line, row->value);
        }
      g_print ("%s\n", line->str);
      g_string_free (line, TRUE);
    }
}

static int
command_stats (int    argc,
               char **argv)
{
  int year = 0, from = 0, to = 0;
  gboolean json = FALSE;
  g_autofree char *code = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry stats_entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "from", 0, 0, G_OPTION_ARG_INT, &from, N_("The first year of a series"), N_("YEAR") },
    { "to", 0, 0, G_OPTION_ARG_INT, &to, N_("The last year of a series"), N_("YEAR") },
    { "org", 0, 0, G_OPTION_ARG_STRING, &code,
      N_("Count only this organization and those below it"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the figures into an Excel sheet (.xlsx) instead of printing them"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) series = NULL;
  gint64 organization_id = 0;
  int status = EXIT_OK;

  if (!parse_command (&argc, &argv, _("stats --year YEAR | --from YEAR --to YEAR"),
                      _("Show the figures of a year, as of 31/12: organizations, members, "
                        "admissions against targets, ratings, badges, awards and meetings."),
                      stats_entries, &status))
    return status;
  if (argc != 1)
    return usage_error (_("stats takes no arguments besides its options."));
  if (year != 0 && (from != 0 || to != 0))
    return usage_error (_("Give either --year or --from and --to, not both."));
  if (year == 0 && (from == 0 || to == 0))
    return usage_error (_("Give the year with --year YEAR, or a series with --from YEAR "
                          "--to YEAR."));
  if (output != NULL && (year == 0 || json || !g_str_has_suffix (output, ".xlsx")))
    return usage_error (_("-o writes the figures of one year into an Excel sheet: stats --year "
                          "YEAR -o FILE.xlsx"));
  if (year != 0)
    from = to = year;

  db = open_database ();
  if (db == NULL)
    return EXIT_DATABASE;
  if (!find_organization (db, code, &organization_id, &status))
    return status;

  series = sdb_stats_compute_series (db, from, to, organization_id, &error);
  if (series == NULL)
    return report_error (error);

  if (output != NULL)
    {
      if (!sdb_xlsx_write_stats (output, g_ptr_array_index (series, 0), &error))
        {
          g_printerr ("sodangbo-cli: %s\n", error->message);
          return EXIT_DATABASE;
        }
      g_print ("%s\n", output);
      return EXIT_OK;
    }

  if (json)
    {
      g_autofree char *text = year != 0 ? sdb_stats_to_json (g_ptr_array_index (series, 0))
                                        : sdb_stats_series_to_json (series);

      g_print ("%s", text);
      return EXIT_OK;
    }
  for (guint i = 0; i < series->len; i++)
    {
      if (i > 0)
        g_print ("\n");
      print_stats_table (g_ptr_array_index (series, i));
    }
  return EXIT_OK;
}

static int
command_report (int    argc,
                char **argv)
{
  int year = 0;
  g_autofree char *code = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry report_entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "org", 0, 0, G_OPTION_ARG_STRING, &code,
      N_("Write about this organization and those below it"), N_("CODE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the text into this file instead of printing it"), N_("FILE") },
    { NULL }
  };
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SdbStats) stats = NULL;
  g_autofree char *text = NULL;
  gint64 organization_id = 0;
  int status = EXIT_OK;

  if (!parse_command (&argc, &argv, _("report --year YEAR [-o FILE]"),
                      _("Write the year’s review from its figures, in Vietnamese, ready to be "
                        "pasted into the yearly report."), report_entries, &status))
    return status;
  if (argc != 1)
    return usage_error (_("report takes no arguments besides its options."));
  if (year == 0)
    return usage_error (_("Give the year with --year YEAR."));

  db = open_database ();
  if (db == NULL)
    return EXIT_DATABASE;
  if (!find_organization (db, code, &organization_id, &status))
    return status;

  stats = sdb_stats_compute (db, year, organization_id, &error);
  if (stats == NULL)
    return report_error (error);
  text = sdb_report_write (stats);

  if (output == NULL)
    {
      g_print ("%s", text);
      return EXIT_OK;
    }
  /* The figures are confidential like the database: the file is private to its user. */
  if (!g_file_set_contents_full (output, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_printerr ("sodangbo-cli: %s\n", error->message);
      return EXIT_DATABASE;
    }
  g_print ("%s\n", output);
  return EXIT_OK;
}

/* import and export -------------------------------------------------------------------------- */

static gboolean
parse_kind (const char         *name,
            SdbInterchangeKind *kind,
            int                *status)
{
  g_autofree char *names = NULL;

  if (sdb_interchange_kind_from_name (name, kind))
    return TRUE;
  names = sdb_interchange_dup_kind_names ();
  *status = usage_error (_("Unknown kind “%s”. The kinds are: %s."), name, names);
  return FALSE;
}

static char *
import_progress_text (guint64 done,
                      guint64 total)
{
  g_autofree char *done_text = sdb_vn_format_int ((gint64) done);
  g_autofree char *total_text = sdb_vn_format_int ((gint64) total);

  if (done < total)
    /* TRANSLATORS: how many rows are written so far, and the file's rows ("12.000"). */
    return g_strdup_printf (_("Importing: %s of %s rows…"), done_text, total_text);
  /* TRANSLATORS: the same, once every row is written and the import is being saved. */
  return g_strdup_printf (_("Importing: %s of %s rows, saving…"), done_text, total_text);
}

static int
command_import (int    argc,
                char **argv)
{
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_import_problem_free);
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *contents = NULL;
  SdbInterchangeKind kind;
  SdbImportCounts counts = { 0 };
  Progress progress = { import_progress_text, 0, FALSE };
  SdbDate today = { (gint16) g_date_time_get_year (now), (guint8) g_date_time_get_month (now),
                    (guint8) g_date_time_get_day_of_month (now) };
  gsize length = 0;
  int status = EXIT_OK;
  gboolean ok;

  if (!parse_command (&argc, &argv, _("import KIND FILE.csv"),
                      _("Import the records of a CSV file (comma or semicolon, UTF-8). Every row "
                        "is checked first: on any error nothing is imported and every problem "
                        "is listed as FILE:LINE: column: message."), NULL, &status))
    return status;
  if (argc != 3)
    return usage_error (_("Give the kind of records and the CSV file: import KIND FILE.csv"));
  if (!parse_kind (argv[1], &kind, &status))
    return status;
  if (!g_file_get_contents (argv[2], &contents, &length, &error))
    {
      g_printerr ("sodangbo-cli: %s\n", error->message);
      return EXIT_INPUT;
    }
  data = g_bytes_new_take (g_steal_pointer (&contents), length);

  db = open_database_writable ();
  if (db == NULL)
    return EXIT_DATABASE;

  sdb_history_set_import_source (db, argv[2]);
  start_progress (db, &progress);
  ok = sdb_import_csv (db, kind, data, &today, problems, &counts, &error);
  end_progress (db, &progress);
  for (guint i = 0; i < problems->len; i++)
    {
      const SdbImportProblem *problem = g_ptr_array_index (problems, i);

      g_autofree char *where = problem->line > 0
                               ? g_strdup_printf ("%s:%u", argv[2], problem->line)
                               : g_strdup (argv[2]);

      /* Line 0: a problem of the file as a whole, such as the 20% rule of a TCCS. */
      g_printerr ("%s: %s: %s%s\n", where, problem->column != NULL ? problem->column : "-",
                  problem->severity == SDB_SEVERITY_WARNING ? _("warning: ") : "",
                  problem->message);
    }
  if (!ok)
    {
      if (error->domain == SDB_CSV_ERROR)
        {
          g_printerr ("%s: %s\n", argv[2], error->message);
          return EXIT_INPUT;
        }
      return report_error (error);
    }
  {
    g_autofree char *added = sdb_vn_format_int (counts.inserted);
    g_autofree char *changed = sdb_vn_format_int (counts.updated);
    g_autofree char *unchanged = sdb_vn_format_int (counts.unchanged);

    /* TRANSLATORS: the counts, formatted ("12.000"), of rows added, changed and already up
     * to date. */
    g_printerr (_("Imported: %s added, %s changed, %s unchanged.\n"), added, changed,
                unchanged);
  }
  {
    guint n_warnings = 0;

    for (guint i = 0; i < problems->len; i++)
      if (((const SdbImportProblem *) g_ptr_array_index (problems, i))->severity
          == SDB_SEVERITY_WARNING)
        n_warnings++;
    /* Thousands of lines may have scrolled past: the count says they are there. */
    if (n_warnings > 0)
      {
        g_autofree char *count = sdb_vn_format_int (n_warnings);

        /* TRANSLATORS: %s is how many, formatted ("8.812"). */
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "%s warning is listed above: the rows were imported as they "
                                 "are; check them.\n",
                                 "%s warnings are listed above: the rows were imported as they "
                                 "are; check them.\n", n_warnings), count);
      }
  }
  if (counts.inserted + counts.updated > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 sdb_history_get_last_txn (db, NULL));

      g_printerr (_("Its changes are import %s: “sodangbo-cli history --import %s” lists them.\n"),
                  number, number);
    }
  return EXIT_OK;
}

static int
command_export (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  int year = 0;
  const GOptionEntry export_entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write: .csv or .xlsx"), N_("FILE") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year,
      N_("Only the records of this year (ratings, meetings, awards, badges)"), N_("YEAR") },
    { NULL }
  };
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  SdbInterchangeKind kind;
  int status = EXIT_OK;

  if (!parse_command (&argc, &argv, _("export KIND [--year YEAR] -o FILE"),
                      _("Write the records of one kind into a CSV file (which imports back "
                        "unchanged) or a formatted Excel sheet (.xlsx)."), export_entries,
                      &status))
    return status;
  if (argc != 2)
    return usage_error (_("Give the kind of records: export KIND -o FILE"));
  if (!parse_kind (argv[1], &kind, &status))
    return status;
  if (output == NULL || !(g_str_has_suffix (output, ".csv") || g_str_has_suffix (output, ".xlsx")))
    return usage_error (_("Give the file to write with -o FILE.csv or -o FILE.xlsx."));
  if (year != 0 && !sdb_interchange_kind_by_year (kind))
    return usage_error (_("--year applies only to the kinds kept by year."));

  db = open_database ();
  if (db == NULL)
    return EXIT_DATABASE;

  if (g_str_has_suffix (output, ".xlsx"))
    {
      if (!sdb_export_xlsx (db, kind, year, output, &error))
        return report_error (error);
    }
  else
    {
      g_autoptr(GBytes) data = sdb_export_csv (db, kind, year, &error);
      gsize length;
      const char *bytes;

      if (data == NULL)
        return report_error (error);
      bytes = g_bytes_get_data (data, &length);
      /* Records are confidential: the file is private to its user, like the database. */
      if (!g_file_set_contents_full (output, bytes, (gssize) length,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        {
          g_printerr ("sodangbo-cli: %s\n", error->message);
          return EXIT_DATABASE;
        }
    }
  g_print ("%s\n", output);
  return EXIT_OK;
}

static int
command_backups (int    argc,
                 char **argv)
{
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *folder = NULL;
  int status = EXIT_OK;

  if (!parse_command (&argc, &argv, "backups",
                      _("List the automatic backups, newest first: made before every migration, "
                        "restore and import, and once a day when a command writes."), NULL,
                      &status))
    return status;
  if (argc != 1)
    return usage_error (_("backups takes no arguments."));

  db = open_database ();
  if (db == NULL)
    return EXIT_DATABASE;
  list = sdb_database_list_backups (db, &error);
  if (list == NULL)
    return report_error (error);
  folder = sdb_database_dup_backups_folder (db);
  if (list->len == 0)
    {
      g_printerr (_("There are no automatic backups in “%s” yet.\n"), folder);
      return EXIT_OK;
    }
  g_printerr (_("Backups in “%s”:\n"), folder);
  for (guint i = 0; i < list->len; i++)
    {
      const SdbBackupInfo *info = g_ptr_array_index (list, i);
      g_autoptr(GDateTime) local = g_date_time_to_local (info->time);
      g_autofree char *when = g_date_time_format (local, "%d/%m/%Y %H:%M:%S");
      g_autofree char *size = g_format_size ((guint64) info->size);

      g_print ("%s  %s  %s\n", info->name, when, size);
    }
  return EXIT_OK;
}

/* "member:DV0001" into its kind and key; the kinds are those of the history's entries. */
static gboolean
parse_record (const char  *text,
              char       **kind,
              char       **key)
{
  static const char *const kinds[] = { "member", "organization", "meeting", "award", "target",
                                       "profile", "term", "sector" };
  const char *colon = strchr (text, ':');

  if (colon == NULL || colon[1] == '\0')
    return FALSE;
  *kind = g_strndup (text, (gsize) (colon - text));
  *key = g_strdup (colon + 1);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (*kind, kinds[i]))
      return TRUE;
  g_clear_pointer (kind, g_free);
  g_clear_pointer (key, g_free);
  return FALSE;
}

static int
command_history (int    argc,
                 char **argv)
{
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *record = NULL;
  g_autofree char *since_text = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *key = NULL;
  g_autofree char *since = NULL;
  gint64 import_id = 0;
  gint64 change = 0;
  int limit = 0;
  int status = EXIT_OK;
  SdbHistoryFilter filter = { 0 };
  const GOptionEntry own[] = {
    { "record", 'r', 0, G_OPTION_ARG_STRING, &record,
      N_("Only the changes of one record: member:CODE, organization:CODE, meeting, award, "
         "target, profile, term or sector, with its key as listed"), N_("KIND:KEY") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_text,
      N_("Only the changes made on or after this day"), N_("DD/MM/YYYY") },
    { "import", 0, 0, G_OPTION_ARG_INT64, &import_id,
      N_("Only the changes of one import, by its number"), N_("ID") },
    { "change", 0, 0, G_OPTION_ARG_INT64, &change,
      N_("Only the entries of one change, by its number"), N_("N") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &limit,
      N_("At most this many entries, the newest"), N_("N") },
    { NULL }
  };

  if (!parse_command (&argc, &argv, NULL,
                      _("Show who changed which record and when, newest first. Each entry "
                        "starts with the number of its change, which “sodangbo-cli undo” "
                        "takes."), own, &status))
    return status;
  if (argc != 1)
    return usage_error (_("“history” takes only options."));
  if (record != NULL && !parse_record (record, &kind, &key))
    return usage_error (_("Give the record as KIND:KEY, e.g. member:DV0001 or "
                          "organization:CB01."));
  if (since_text != NULL)
    {
      SdbDate date = { 0, 0, 0 };

      if (!sdb_vn_parse_date (since_text, 0, &date, NULL) || date.day == 0)
        return usage_error (_("Give the day as DD/MM/YYYY, e.g. --since 01/11/2026."));
      since = sdb_date_to_iso (&date);
    }
  if (limit < 0 || import_id < 0 || change < 0)
    return usage_error (_("Numbers must not be negative."));

  db = open_database ();
  if (db == NULL)
    return EXIT_DATABASE;
  filter.record_kind = kind;
  filter.record_key = key;
  filter.since = since;
  filter.import_id = import_id;
  filter.txn = change;
  filter.limit = (guint) limit;
  found = sdb_history_list (db, &filter, &error);
  if (found == NULL)
    return report_error (error);
  if (found->len == 0)
    {
      g_printerr (_("No change is recorded that matches.\n"));
      return EXIT_OK;
    }
  for (guint i = 0; i < found->len; i++)
    {
      const SdbHistoryEntry *e = g_ptr_array_index (found, i);
      g_autofree char *heading = sdb_history_format_heading (e->time, e->user, e->op,
                                                             e->record_kind, e->record_key,
                                                             e->table, e->row_key);
      g_autofree char *lines = sdb_history_format_changes (db, e->op, e->table, e->changes);
      g_auto(GStrv) split = g_strsplit (lines, "\n", -1);

      g_print ("#%" G_GINT64_FORMAT "  %s\n", e->txn, heading);
      for (guint k = 0; split[k] != NULL; k++)
        if (split[k][0] != '\0')
          g_print ("      %s\n", split[k]);
    }
  return EXIT_OK;
}

static char *
undo_progress_text (guint64 done,
                    guint64 total)
{
  if (done < total)
    /* TRANSLATORS: %u is a whole percent, 0 to 100; "%%" is the percent sign. */
    return g_strdup_printf (_("Undoing: %u%%…"), percent_done (done, total));
  return g_strdup (_("Undoing: 100%, saving…"));
}

static int
command_undo (int    argc,
              char **argv)
{
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gint64 txn;
  g_autofree char *count = NULL;
  guint restored = 0;
  Progress progress = { undo_progress_text, 0, FALSE };
  int status = EXIT_OK;
  char *end = NULL;
  gboolean ok;

  if (!parse_command (&argc, &argv, _("CHANGE"),
                      _("Undo one change, by the number “sodangbo-cli history” shows before it: "
                        "a deleted record comes back exactly as it was. Refused when the records "
                        "have changed since."), NULL, &status))
    return status;
  if (argc != 2)
    return usage_error (_("Give the number of the change to undo: undo CHANGE"));
  txn = g_ascii_strtoll (argv[1][0] == '#' ? argv[1] + 1 : argv[1], &end, 10);
  if (end == NULL || *end != '\0' || txn <= 0)
    return usage_error (_("Give the number of the change to undo: undo CHANGE"));

  db = open_database_for_writing ();
  if (db == NULL)
    return EXIT_DATABASE;
  start_progress (db, &progress);
  ok = sdb_history_undo (db, txn, &restored, &error);
  end_progress (db, &progress);
  if (!ok)
    return report_error (error);
  count = sdb_vn_format_int (restored);
  /* TRANSLATORS: the first %s is the change's number, the second how many rows, formatted
   * ("1.204"). */
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "Change %s undone: %s row put back as it was.\n",
                           "Change %s undone: %s rows put back as they were.\n", restored),
              argv[1][0] == '#' ? argv[1] + 1 : argv[1], count);
  return EXIT_OK;
}

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "info", N_("Show which database is used, whose it is and the program's versions"),
    command_info },
  { "init", N_("Enter the committee's name, level and term in a new database"), command_init },
  { "demo", N_("Fill the database with invented records"), command_demo },
  { "check", N_("Check the whole database and list every problem"), command_check },
  { "backup", N_("Copy the database into a new file (backup -o FILE)"), command_backup },
  { "restore", N_("Replace the database with a backup (restore NAME|FILE)"), command_restore },
  { "backups", N_("List the automatic backups"), command_backups },
  { "stats", N_("Show the figures of a year (stats --year YEAR [--json])"), command_stats },
  { "report", N_("Write the year's review text (report --year YEAR [-o FILE])"),
    command_report },
  { "import", N_("Import records from a CSV file (import KIND FILE.csv)"), command_import },
  { "export", N_("Write records into a CSV or XLSX file (export KIND -o FILE)"),
    command_export },
  { "history", N_("Show who changed what and when (history [--record KIND:KEY])"),
    command_history },
  { "undo", N_("Undo one change, such as a deletion (undo CHANGE)"), command_undo },
};

/* The command is the first argument that is neither an option nor the value of --db, so that
 * each command can have its own options. */
static int
find_command (int    argc,
              char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        return i + 1 < argc ? i + 1 : argc;
      if (g_str_equal (argv[i], "--db") || g_str_equal (argv[i], "-d"))
        i++;
      else if (argv[i][0] != '-')
        return i;
    }
  return argc;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = NULL;
  int command_index;
  int global_argc;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SDB_LOCALEDIR") ? g_getenv ("SDB_LOCALEDIR")
                                                               : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_print_handler (print_utf8);
  g_set_printerr_handler (printerr_utf8);

  context = g_option_context_new (_("COMMAND — work with the records of Sổ Đảng bộ"));
  summary = g_string_new (_("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "\n  %-8s %s", commands[i].name, _(commands[i].summary));
  g_string_append_printf (summary, "\n\n%s",
                          _("“sodangbo-cli COMMAND --help” shows the options of a command."));
  g_option_context_set_summary (context, summary->str);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  command_index = find_command (argc, argv);
  global_argc = command_index;
  if (!g_option_context_parse (context, &global_argc, &argv, &error))
    {
      g_printerr ("sodangbo-cli: %s\n", error->message);
      return EXIT_USAGE;
    }

  if (opt_version)
    {
      g_print ("sodangbo-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (command_index >= argc)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[command_index], commands[i].name))
      return commands[i].run (argc - command_index, argv + command_index);

  g_printerr (_("sodangbo-cli: unknown command “%s”. Run “sodangbo-cli --help” to see the "
                "commands.\n"), argv[command_index]);
  return EXIT_USAGE;
}
