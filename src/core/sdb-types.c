/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "sdb-enums.h"
#include "sdb-types.h"

G_DEFINE_BOXED_TYPE (SdbDate, sdb_date, sdb_date_copy, sdb_date_free)

SdbDate *
sdb_date_copy (const SdbDate *date)
{
  return g_memdup2 (date, sizeof *date);
}

void
sdb_date_free (SdbDate *date)
{
  g_free (date);
}

/* What a clerk reads for each code, in the order of the enum. The Vietnamese translations are
 * the official wording of DOMAIN.md. */
static const char *const level_labels[] = {
  N_("District"), N_("Commune or ward"), N_("Province"), N_("Grassroots"),
};
static const char *const organization_kind_labels[] = {
  N_("Upper-level committee"), N_("Grassroots committee"), N_("Grassroots cell"),
  N_("Sub-committee"), N_("Subordinate cell"),
};
static const char *const organization_event_kind_labels[] = {
  N_("Renamed"), N_("Moved under another organization"), N_("Merged"), N_("Dissolved"),
};
static const char *const gender_labels[] = {
  N_("Male"), N_("Female"),
};
static const char *const member_event_kind_labels[] = {
  N_("Admitted"), N_("Transferred in"), N_("Moved to another cell"), N_("Readmitted"),
  N_("Transferred out"), N_("Left the Party"),
};
static const char *const leaving_reason_labels[] = {
  N_("Died"), N_("Struck off"), N_("Expelled"), N_("Resigned"),
};
static const char *const grade_labels[] = {
  N_("Excellently completed duties"), N_("Well completed duties"), N_("Completed duties"),
  N_("Did not complete duties"),
};
static const char *const not_rated_reason_labels[] = {
  N_("Admitted less than 6 months before"), N_("Exempt from work and meetings"),
  N_("Suspended"), N_("Founded less than 6 months before"), N_("Other reason"),
};
static const char *const meeting_kind_labels[] = {
  N_("Executive committee"), N_("Standing committee"), N_("Standing members"),
  N_("Year-end review"), N_("Mid-term review"), N_("Thematic"),
  N_("Dissemination of resolutions"), N_("Other"),
};
static const char *const attendance_labels[] = {
  N_("Present"), N_("Absent"), N_("Invited guest"),
};

typedef struct
{
  GType (*get_type) (void);
  const char *const *labels;
  guint n_labels;
} LabelTable;

#define TABLE(type_func, labels) { type_func, labels, G_N_ELEMENTS (labels) }

static const LabelTable label_tables[] = {
  TABLE (sdb_level_get_type, level_labels),
  TABLE (sdb_organization_kind_get_type, organization_kind_labels),
  TABLE (sdb_organization_event_kind_get_type, organization_event_kind_labels),
  TABLE (sdb_gender_get_type, gender_labels),
  TABLE (sdb_member_event_kind_get_type, member_event_kind_labels),
  TABLE (sdb_leaving_reason_get_type, leaving_reason_labels),
  TABLE (sdb_grade_get_type, grade_labels),
  TABLE (sdb_not_rated_reason_get_type, not_rated_reason_labels),
  TABLE (sdb_meeting_kind_get_type, meeting_kind_labels),
  TABLE (sdb_attendance_get_type, attendance_labels),
};

/**
 * sdb_enum_to_code:
 *
 * Returns: (nullable): the database code of @value, or %NULL if @value is not one of the type.
 */
const char *
sdb_enum_to_code (GType enum_type,
                  int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v != NULL ? v->value_nick : NULL;
}

gboolean
sdb_enum_from_code (GType       enum_type,
                    const char *code,
                    int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *v;

  if (code == NULL)
    return FALSE;
  klass = g_type_class_ref (enum_type);
  v = g_enum_get_value_by_nick (klass, code);
  if (v == NULL)
    return FALSE;
  if (value != NULL)
    *value = v->value;
  return TRUE;
}

/**
 * sdb_enum_get_label:
 *
 * Returns: the translated label of @value, for people to read.
 */
const char *
sdb_enum_get_label (GType enum_type,
                    int   value)
{
  for (guint i = 0; i < G_N_ELEMENTS (label_tables); i++)
    if (label_tables[i].get_type () == enum_type)
      {
        g_return_val_if_fail (value >= 0 && (guint) value < label_tables[i].n_labels, "");
        return _(label_tables[i].labels[value]);
      }
  g_return_val_if_reached ("");
}

/**
 * sdb_enum_dup_codes:
 *
 * Returns: the codes of @enum_type separated by " | ", for usage messages.
 */
char *
sdb_enum_dup_codes (GType enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (s, "%s%s", i ? " | " : "", klass->values[i].value_nick);
  return g_string_free (s, FALSE);
}
