/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sodangbo-cli: the same core as the window, for scripts, imports and the office's checks. */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "sdb-backup.h"
#include "sdb-check.h"
#include "sdb-database.h"
#include "sdb-demo.h"
#include "sdb-enums.h"
#include "sdb-organization.h"
#include "sdb-profile.h"
#include "sdb-term.h"
#include "sdb-types.h"
#include "sdb-vn.h"

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

  db = open_database ();
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

  db = open_database ();
  if (db == NULL)
    return EXIT_DATABASE;

  start = g_get_monotonic_time ();
  if (!sdb_demo_generate (db, &options, &error))
    return report_error (error);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Invented %u member from %d to %d in %.1f s.\n",
                        "Invented %u members from %d to %d in %.1f s.\n", options.members),
           options.members, options.first_year, options.last_year,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  return EXIT_OK;
}

static void
print_check_problem (const char       *where,
                     const SdbProblem *problem,
                     gpointer          user_data)
{
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
  guint n_errors = 0;
  guint n_warnings = 0;
  int status = EXIT_OK;

  if (!parse_command (&argc, &argv, "check",
                      _("Check the whole database: SQLite’s own check and every rule of the "
                        "records. Exits with 1 when an error is found."), NULL, &status))
    return status;
  if (argc != 1)
    return usage_error (_("check takes no arguments."));

  db = open_database ();
  if (db == NULL)
    return EXIT_DATABASE;

  if (!sdb_check_run (db, print_check_problem, NULL, &n_errors, &n_warnings, &error))
    return report_error (error);

  errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors),
                            n_errors);
  warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                           n_warnings), n_warnings);
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
  g_autoptr(SdbDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *path = NULL;
  int status = EXIT_OK;

  if (!parse_command (&argc, &argv, _("restore FILE"),
                      _("Replace the content of the database with a backup. What it held "
                        "before is kept in a file beside it, whose name is printed."),
                      NULL, &status))
    return status;
  if (argc != 2)
    return usage_error (_("Give the one backup file to restore."));

  db = open_database ();
  if (db == NULL)
    return EXIT_DATABASE;

  if (!sdb_database_restore (db, argv[1], &saved, &error))
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
              argv[1], saved);
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
  { "restore", N_("Replace the database with a backup (restore FILE)"), command_restore },
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
