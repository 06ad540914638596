/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sdb-problem.h"

G_DEFINE_BOXED_TYPE (SdbProblem, sdb_problem, sdb_problem_copy, sdb_problem_free)

SdbProblem *
sdb_problem_new (const char  *field,
                 SdbSeverity  severity,
                 const char  *message)
{
  SdbProblem *problem = g_new0 (SdbProblem, 1);

  g_return_val_if_fail (message != NULL, NULL);

  problem->field = g_strdup (field);
  problem->severity = severity;
  problem->message = g_strdup (message);
  return problem;
}

SdbProblem *
sdb_problem_copy (const SdbProblem *problem)
{
  return sdb_problem_new (problem->field, problem->severity, problem->message);
}

void
sdb_problem_free (SdbProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

GPtrArray *
sdb_problems_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) sdb_problem_free);
}

/**
 * sdb_problems_add:
 * @problems: (nullable): where to add; %NULL drops the problem
 */
void
sdb_problems_add (GPtrArray   *problems,
                  const char  *field,
                  SdbSeverity  severity,
                  const char  *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (problems == NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, sdb_problem_new (field, severity, message));
}

guint
sdb_problems_count (GPtrArray   *problems,
                    SdbSeverity  severity)
{
  guint n = 0;

  if (problems == NULL)
    return 0;
  for (guint i = 0; i < problems->len; i++)
    if (((SdbProblem *) g_ptr_array_index (problems, i))->severity == severity)
      n++;
  return n;
}

gboolean
sdb_problems_has_errors (GPtrArray *problems)
{
  return sdb_problems_count (problems, SDB_SEVERITY_ERROR) > 0;
}

/**
 * sdb_problems_find:
 * @field: (nullable): the property, or %NULL for any
 *
 * Returns: (nullable): the first problem of @severity about @field.
 */
const SdbProblem *
sdb_problems_find (GPtrArray   *problems,
                   const char  *field,
                   SdbSeverity  severity)
{
  if (problems == NULL)
    return NULL;
  for (guint i = 0; i < problems->len; i++)
    {
      const SdbProblem *p = g_ptr_array_index (problems, i);

      if (p->severity == severity && (field == NULL || g_strcmp0 (p->field, field) == 0))
        return p;
    }
  return NULL;
}
