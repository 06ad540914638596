/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sdb-problem: what validation found wrong with a record. Validation reports every problem at
 * once, each tied to the property it belongs to, so a form can show it under its field and an
 * import under its line and column. GError is kept for failures of the operation itself. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum /*< prefix=SDB_SEVERITY >*/
{
  SDB_SEVERITY_ERROR,    /*< nick=error >*/
  SDB_SEVERITY_WARNING,  /*< nick=warning >*/
} SdbSeverity;

typedef struct
{
  char        *field;     /* the property name of the record, e.g. "birth-date" */
  SdbSeverity  severity;
  char        *message;   /* translated, a full sentence for a clerk */
} SdbProblem;

#define SDB_TYPE_PROBLEM (sdb_problem_get_type ())
GType       sdb_problem_get_type      (void) G_GNUC_CONST;

SdbProblem *sdb_problem_new           (const char        *field,
                                       SdbSeverity        severity,
                                       const char        *message);
SdbProblem *sdb_problem_copy          (const SdbProblem  *problem);
void        sdb_problem_free          (SdbProblem        *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SdbProblem, sdb_problem_free)

/* A list of problems is a GPtrArray of SdbProblem that frees them. */
GPtrArray  *sdb_problems_new          (void);
void        sdb_problems_add          (GPtrArray         *problems,
                                       const char        *field,
                                       SdbSeverity        severity,
                                       const char        *format,
                                       ...) G_GNUC_PRINTF (4, 5);
gboolean    sdb_problems_has_errors   (GPtrArray         *problems);
guint       sdb_problems_count        (GPtrArray         *problems,
                                       SdbSeverity        severity);
const SdbProblem *sdb_problems_find   (GPtrArray         *problems,
                                       const char        *field,
                                       SdbSeverity        severity);

G_END_DECLS
