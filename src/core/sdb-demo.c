/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sdb-database-private.h"
#include "sdb-demo.h"
#include "sdb-enums.h"
#include "sdb-history-private.h"
#include "sdb-organization.h"
#include "sdb-profile.h"

/* The whole history is simulated in memory, in date order, from one GRand: the same options
 * give the same rows, and the state of every member and cell is known at each date without a
 * query. The rows are written at the end, each table in the order of its primary key, so that
 * SQLite appends instead of splitting pages. */

/* Days since 1/1/1970 in the proleptic Gregorian calendar. */
typedef gint32 Day;
#define DAY_NONE G_MININT32

static Day
day_from_civil (int y,
                int m,
                int d)
{
  int era;
  unsigned yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (unsigned) (y - era * 400);
  doy = (153 * (unsigned) (m > 2 ? m - 3 : m + 9) + 2) / 5 + (unsigned) d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int) doe - 719468;
}

static void
civil_from_day (Day  z,
                int *y,
                int *m,
                int *d)
{
  int era;
  unsigned doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (unsigned) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) yoe + era * 400 + (*m <= 2);
}

static int
year_of (Day day)
{
  int y, m, d;

  civil_from_day (day, &y, &m, &d);
  return y;
}

/* The same day @months later; the 31st becomes the last day of a shorter month. */
static Day
add_months (Day day,
            int months)
{
  int y, m, d, total;

  civil_from_day (day, &y, &m, &d);
  total = y * 12 + (m - 1) + months;
  y = total / 12;
  m = total % 12 + 1;
  d = MIN (d, (int) sdb_date_days_in_month (y, m));
  return day_from_civil (y, m, d);
}

/* Admission dates avoid 29/2, whose "12 months later" different rules place on 28/2 or 1/3. */
static Day
avoid_leap_day (Day day)
{
  int y, m, d;

  civil_from_day (day, &y, &m, &d);
  return (m == 2 && d == 29) ? day - 1 : day;
}

static void
format_day (Day   day,
            char  buf[11])
{
  int y, m, d;

  civil_from_day (day, &y, &m, &d);
  g_snprintf (buf, 11, "%04d-%02d-%02d", y, m, d);
}

/* Tables ------------------------------------------------------------------------------------ */

typedef enum
{
  SECTOR_COMMUNE,
  SECTOR_VILLAGE,
  SECTOR_AGENCY,
  SECTOR_EDUCATION,
  SECTOR_HEALTH,
  SECTOR_ENTERPRISE,
  SECTOR_COOPERATIVE,
  SECTOR_MILITARY,
  SECTOR_POLICE,
  N_SECTORS
} Sector;

/* The default sectors (sdb_sector_insert_defaults), by the names the demonstration uses. */
static const char *const sector_names[N_SECTORS] = {
  "Xã, thị trấn", "Thôn, bản, tổ dân phố", "Cơ quan", "Giáo dục", "Y tế", "Doanh nghiệp",
  "Hợp tác xã", "Quân sự", "Công an",
};

/* Place names are made of two syllables, as in the north-western highlands. */
static const char *const commune_first[] = {
  "Mường", "Chiềng", "Nậm", "Púng", "Huổi", "Pá", "Nà", "Phiêng", "Co", "Tà", "Sam", "Dồm",
  "Hua", "Bó", "Long", "Tân", "Yên", "Phổng", "Mường", "Chiềng",
};
static const char *const commune_second[] = {
  "Lạn", "Lèo", "Lạnh", "Kha", "Bánh", "Cang", "Và", "Lói", "Khoong", "Sơ", "Sai", "Nghịu",
  "En", "Hưng", "Cai", "Ty", "Phung", "Mòn", "Sinh", "Lao", "Trai", "Chiến", "Giôn", "Bú",
  "San", "Chùm", "Muôn", "Păm", "Bôm", "Lầm",
};
static const char *const village_first[] = {
  "Nà", "Pá", "Huổi", "Co", "Bó", "Nong", "Ten", "Hát", "Kéo", "Phiêng", "Púng", "Lọng",
  "Pom", "Tà", "Xa", "Cang", "Nậm", "Hua", "Khua", "Mòn",
};
static const char *const village_second[] = {
  "Lốc", "Khoang", "Lạn", "Muông", "Khi", "Bánh", "Cang", "Kha", "Lèo", "Mạt", "Pục", "Hịn",
  "Sản", "Ót", "Mỏ", "Phe", "Nghịu", "Lằn", "Tở", "Pàn", "Chả", "Công", "Hin", "Tiến",
};
#define N_COMMUNES (G_N_ELEMENTS (commune_first) * G_N_ELEMENTS (commune_second))

/* Districts of hometowns and of the committees members transfer to and from. */
static const char *const districts[][2] = {
  { "Sốp Cộp", "Sơn La" }, { "Mai Sơn", "Sơn La" }, { "Thuận Châu", "Sơn La" },
  { "Sông Mã", "Sơn La" }, { "Mường La", "Sơn La" }, { "Yên Châu", "Sơn La" },
  { "Điện Biên Đông", "Điện Biên" }, { "Tuần Giáo", "Điện Biên" }, { "Mường Chà", "Điện Biên" },
  { "Than Uyên", "Lai Châu" }, { "Văn Chấn", "Yên Bái" }, { "Thái Thụy", "Thái Bình" },
  { "Nam Trực", "Nam Định" }, { "Hải Hậu", "Nam Định" }, { "Kim Sơn", "Ninh Bình" },
  { "Quỳnh Lưu", "Nghệ An" }, { "Tĩnh Gia", "Thanh Hóa" }, { "Gia Lộc", "Hải Dương" },
  { "Ba Vì", "Hà Nội" }, { "Tân Lạc", "Hòa Bình" },
};
/* The first six districts are local: most members were born near where they work. */
#define N_LOCAL_DISTRICTS 6

typedef enum
{
  ETHNIC_KINH,
  ETHNIC_THAI,
  ETHNIC_MONG,
  ETHNIC_MUONG,
  ETHNIC_TAY,
  ETHNIC_DAO,
  ETHNIC_KHMU,
  N_ETHNIC
} Ethnic;

static const char *const ethnic_names[N_ETHNIC] = {
  "Kinh", "Thái", "Mông", "Mường", "Tày", "Dao", "Khơ Mú",
};
static const guint8 ethnic_weights[N_ETHNIC] = { 38, 32, 16, 4, 4, 3, 3 };

static const char *const family_kinh[] = {
  "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần",
  "Trần", "Trần", "Lê", "Lê", "Lê", "Phạm", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ",
  "Ngô", "Dương", "Lý", "Đinh", "Đào", "Trịnh", "Mai", "Phan", "Vương", "Tạ",
};
static const char *const family_thai[] = {
  "Lò", "Lò", "Lò", "Quàng", "Quàng", "Cầm", "Cầm", "Lường", "Lường", "Tòng", "Vì", "Hà",
  "Lù", "Điêu", "Mè", "Bạc", "Sa", "Lự", "Cà", "Hoàng",
};
static const char *const family_mong[] = {
  "Giàng", "Giàng", "Sùng", "Sùng", "Thào", "Thào", "Mùa", "Vàng", "Lầu", "Lý", "Hờ",
  "Tráng", "Cứ", "Mua",
};
static const char *const family_muong[] = { "Đinh", "Bùi", "Quách", "Hà", "Xa" };
static const char *const family_tay[] = { "Hoàng", "Nông", "Lương", "Ma", "Hà", "Vi" };
static const char *const family_dao[] = { "Bàn", "Triệu", "Đặng", "Lý", "Phùng" };
static const char *const family_khmu[] = { "Lò", "Quàng", "Vì", "Cà", "Lường" };

static const char *const middle_kinh_male[] = {
  "Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Ngọc", "Công", "Đình",
  "Mạnh", "Tiến", "Anh",
};
static const char *const middle_kinh_female[] = {
  "Thị", "Thị", "Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Phương", "Thùy",
  "Kim",
};
static const char *const middle_thai_male[] = { "Văn", "Văn", "Văn", "Văn", "Đức" };
static const char *const middle_female[] = { "Thị" };
static const char *const middle_mong_male[] = { "A", "A", "A", "Văn", "Chứ" };
static const char *const middle_male[] = { "Văn" };

static const char *const given_kinh_male[] = {
  "Hùng", "Dũng", "Hải", "Tuấn", "Minh", "Nam", "Long", "Sơn", "Thắng", "Quân", "Cường",
  "Hưng", "Trung", "Bình", "Phong", "Khánh", "Toàn", "Đạt", "Huy", "Hiếu", "Tùng", "Thành",
  "Hòa", "Tâm", "Lâm", "Việt", "Kiên", "Hoàng", "Định", "Thái", "Lộc", "Hậu", "Chiến",
  "Đông", "Vinh", "Quyết", "Nghĩa", "Thịnh",
};
static const char *const given_kinh_female[] = {
  "Hoa", "Lan", "Hương", "Hằng", "Thủy", "Mai", "Nga", "Huyền", "Trang", "Linh", "Hạnh",
  "Yến", "Thảo", "Phương", "Dung", "Hà", "Nhung", "Loan", "Oanh", "Hiền", "Liên", "Thúy",
  "Vân", "Ngọc", "Quyên", "Nhàn", "Xuân", "Duyên", "Giang", "Ánh", "Tuyết", "Hồng",
};
static const char *const given_thai_male[] = {
  "Ún", "Panh", "Xuân", "Thương", "Ngoan", "Phóng", "Khiêm", "Lả", "Ương", "Chinh", "Pâng",
  "Thanh", "Hịa", "Khương", "Bun", "Tiến", "Dũng", "Hải", "Sơn", "Chương", "Inh", "Ỏn",
  "Pọm", "Xôm",
};
static const char *const given_thai_female[] = {
  "Xuân", "Ín", "Ọn", "Lả", "Ên", "Pâng", "Ơn", "Mai", "Hoa", "Lan", "Ngọc", "Phương", "Thu",
  "Hương", "Ương", "Xiêng", "Oanh", "Inh", "Pọm", "Kim",
};
static const char *const given_mong_male[] = {
  "Chư", "Páo", "Dế", "Sềnh", "Lử", "Chá", "Dinh", "Pó", "Tủa", "Lầu", "Súa", "Khua", "Sử",
  "Nhìa", "Chứ", "Vừ", "Cở", "Tồng", "Dủa",
};
static const char *const given_mong_female[] = {
  "Mỷ", "Dợ", "Súa", "Ca", "Sua", "Mai", "Dia", "Pà", "Hờ", "Chía", "Xí", "Dua", "Ly", "Say",
};

typedef struct
{
  const char *const *items;
  guint              n;
} List;

#define LIST(array) { (array), G_N_ELEMENTS (array) }

/* Per culture: family names, then middle and given names for men and for women. */
static const List families[N_ETHNIC] = {
  LIST (family_kinh), LIST (family_thai), LIST (family_mong), LIST (family_muong),
  LIST (family_tay), LIST (family_dao), LIST (family_khmu),
};
static const List middles[N_ETHNIC][2] = {
  { LIST (middle_kinh_male), LIST (middle_kinh_female) },
  { LIST (middle_thai_male), LIST (middle_female) },
  { LIST (middle_mong_male), LIST (middle_female) },
  { LIST (middle_male), LIST (middle_female) },
  { LIST (middle_kinh_male), LIST (middle_kinh_female) },
  { LIST (middle_male), LIST (middle_female) },
  { LIST (middle_male), LIST (middle_female) },
};
static const List givens[N_ETHNIC][2] = {
  { LIST (given_kinh_male), LIST (given_kinh_female) },
  { LIST (given_thai_male), LIST (given_thai_female) },
  { LIST (given_mong_male), LIST (given_mong_female) },
  { LIST (given_kinh_male), LIST (given_kinh_female) },
  { LIST (given_kinh_male), LIST (given_kinh_female) },
  { LIST (given_kinh_male), LIST (given_kinh_female) },
  { LIST (given_thai_male), LIST (given_thai_female) },
};

/* What members do, by the sector of the cell they first joined. */
static const char *const positions_commune[] = {
  "Cán bộ xã", "Công chức xã", "Chủ tịch Hội Nông dân xã", "Nông dân",
};
static const char *const positions_village[] = {
  "Nông dân", "Nông dân", "Nông dân", "Trưởng bản", "Bí thư chi bộ", "Hưu trí",
  "Công an viên", "",
};
static const char *const positions_agency[] = {
  "Chuyên viên", "Chuyên viên", "Cán bộ", "Trưởng phòng", "Phó Trưởng phòng", "Kế toán",
};
static const char *const positions_education[] = {
  "Giáo viên", "Giáo viên", "Giáo viên", "Hiệu trưởng", "Phó Hiệu trưởng", "Nhân viên",
};
static const char *const positions_health[] = {
  "Bác sĩ", "Y sĩ", "Điều dưỡng", "Dược sĩ", "Trạm trưởng",
};
static const char *const positions_enterprise[] = {
  "Công nhân", "Công nhân", "Kỹ sư", "Quản đốc", "Nhân viên",
};
static const char *const positions_cooperative[] = {
  "Xã viên", "Xã viên", "Giám đốc hợp tác xã", "Kế toán",
};
static const char *const positions_military[] = {
  "Chỉ huy trưởng", "Chính trị viên", "Trợ lý", "Cán bộ",
};
static const char *const positions_police[] = {
  "Cán bộ", "Điều tra viên", "Cảnh sát khu vực", "Trưởng Công an xã",
};
static const List positions[N_SECTORS] = {
  LIST (positions_commune), LIST (positions_village), LIST (positions_agency),
  LIST (positions_education), LIST (positions_health), LIST (positions_enterprise),
  LIST (positions_cooperative), LIST (positions_military), LIST (positions_police),
};

/* Names of organizations: {C} a commune, {V} a village, {N} a small number, {L} the
 * committee's locality ("huyện Sốp Cộp"), {P} its place name ("Sốp Cộp"). */
typedef enum
{
  CELL_VILLAGE,
  CELL_SCHOOL,
  CELL_HEALTH,
  CELL_MILITARY,
  CELL_POLICE,
  CELL_COOPERATIVE,
  CELL_AGENCY,
  CELL_SCHOOL_GROUP,
  CELL_WARD,
  CELL_WORKSHOP,
  CELL_COMMAND,
  CELL_POLICE_TEAM,
  N_CELL_TYPES
} CellType;

static const char *const cell_village[] = {
  "Chi bộ bản {V}", "Chi bộ bản {V}", "Chi bộ bản {V}", "Chi bộ thôn {V}",
  "Chi bộ tổ dân phố {N}",
};
static const char *const cell_school[] = {
  "Chi bộ Trường Mầm non {C}", "Chi bộ Trường Tiểu học {C}", "Chi bộ Trường THCS {C}",
  "Chi bộ Trường PTDTBT Tiểu học {C}", "Chi bộ Trường PTDTBT THCS {C}",
  "Chi bộ Trường Tiểu học và THCS {C}",
};
static const char *const cell_health[] = {
  "Chi bộ Trạm Y tế xã {C}", "Chi bộ Trạm Y tế xã", "Chi bộ Phòng khám đa khoa khu vực {C}",
};
static const char *const cell_military[] = { "Chi bộ Quân sự xã {C}", "Chi bộ Quân sự xã" };
static const char *const cell_police[] = { "Chi bộ Công an xã {C}", "Chi bộ Công an xã" };
static const char *const cell_cooperative[] = {
  "Chi bộ Hợp tác xã Nông nghiệp {C}", "Chi bộ Hợp tác xã Chè {V}",
  "Chi bộ Hợp tác xã Dịch vụ tổng hợp {C}",
};
static const char *const cell_agency[] = {
  "Chi bộ Văn phòng", "Chi bộ Phòng Tài chính - Kế hoạch", "Chi bộ Phòng Nội vụ",
  "Chi bộ Phòng Nông nghiệp và Phát triển nông thôn", "Chi bộ Phòng Giáo dục và Đào tạo",
  "Chi bộ Phòng Tư pháp", "Chi bộ Phòng Văn hóa và Thông tin",
  "Chi bộ Phòng Tài nguyên và Môi trường", "Chi bộ Ngân hàng Chính sách xã hội",
  "Chi bộ Kho bạc Nhà nước", "Chi bộ Chi cục Thuế", "Chi bộ Bảo hiểm xã hội",
  "Chi bộ Hội Nông dân", "Chi bộ Hội Liên hiệp Phụ nữ", "Chi bộ Đoàn Thanh niên",
};
static const char *const cell_school_group[] = {
  "Chi bộ Tổ Toán - Tin", "Chi bộ Tổ Ngữ văn", "Chi bộ Tổ Khoa học tự nhiên",
  "Chi bộ Tổ Khoa học xã hội", "Chi bộ Tổ Ngoại ngữ", "Chi bộ Tổ Văn phòng",
  "Chi bộ Giáo viên {N}",
};
static const char *const cell_ward[] = {
  "Chi bộ Khoa Nội", "Chi bộ Khoa Ngoại", "Chi bộ Khoa Sản", "Chi bộ Khoa Nhi",
  "Chi bộ Khoa Dược", "Chi bộ Khoa Khám bệnh", "Chi bộ Khoa Y tế công cộng",
  "Chi bộ Trạm Y tế xã {C}", "Chi bộ Phòng khám đa khoa khu vực {C}",
};
static const char *const cell_workshop[] = {
  "Chi bộ Phân xưởng số {N}", "Chi bộ Đội sản xuất số {N}", "Chi bộ Phòng Kỹ thuật",
  "Chi bộ Phòng Kinh doanh", "Chi bộ Nông trường {V}",
};
static const char *const cell_command[] = {
  "Chi bộ Cơ quan Ban Chỉ huy", "Chi bộ Quân sự xã {C}",
  "Chi bộ Trung đội Dân quân cơ động", "Chi bộ Hậu cần - Kỹ thuật",
};
static const char *const cell_police_team[] = {
  "Chi bộ Đội An ninh", "Chi bộ Đội Cảnh sát giao thông", "Chi bộ Đội Cảnh sát điều tra",
  "Chi bộ Công an xã {C}", "Chi bộ Đội Tổng hợp",
};

typedef struct
{
  Sector sector;
  List   names;
} CellInfo;

static const CellInfo cell_info[N_CELL_TYPES] = {
  { SECTOR_VILLAGE, LIST (cell_village) },
  { SECTOR_EDUCATION, LIST (cell_school) },
  { SECTOR_HEALTH, LIST (cell_health) },
  { SECTOR_MILITARY, LIST (cell_military) },
  { SECTOR_POLICE, LIST (cell_police) },
  { SECTOR_COOPERATIVE, LIST (cell_cooperative) },
  { SECTOR_AGENCY, LIST (cell_agency) },
  { SECTOR_EDUCATION, LIST (cell_school_group) },
  { SECTOR_HEALTH, LIST (cell_ward) },
  { SECTOR_ENTERPRISE, LIST (cell_workshop) },
  { SECTOR_MILITARY, LIST (cell_command) },
  { SECTOR_POLICE, LIST (cell_police_team) },
};

/* The committees that hold cells: a commune, a school, a hospital ... */
typedef enum
{
  UNIT_COMMUNE,
  UNIT_SCHOOL,
  UNIT_HOSPITAL,
  UNIT_ENTERPRISE,
  UNIT_AGENCY,
  UNIT_MILITARY,
  UNIT_POLICE,
  N_UNIT_TYPES
} UnitType;

static const char *const unit_commune[] = {
  "Đảng bộ xã {C}", "Đảng bộ xã {C}", "Đảng bộ xã {C}", "Đảng bộ thị trấn {C}",
};
static const char *const unit_commune_upper[] = {
  "Đảng bộ xã {C}", "Đảng bộ xã {C}", "Đảng bộ xã {C}", "Đảng bộ phường {C}",
};
static const char *const unit_school[] = {
  "Đảng bộ Trường THPT {C}", "Đảng bộ Trường Phổ thông Dân tộc nội trú {C}",
  "Đảng bộ Trường THPT {P}",
};
static const char *const unit_hospital[] = {
  "Đảng bộ Trung tâm Y tế {L}", "Đảng bộ Bệnh viện Đa khoa {P}",
  "Đảng bộ Bệnh viện Đa khoa khu vực {C}",
};
static const char *const unit_enterprise[] = {
  "Đảng bộ Công ty Cổ phần Chè {P}", "Đảng bộ Công ty TNHH MTV Cà phê {C}",
  "Đảng bộ Điện lực {P}", "Đảng bộ Công ty Cổ phần Xây dựng {P}",
  "Đảng bộ Công ty Lâm nghiệp {C}",
};
static const char *const unit_agency[] = {
  "Đảng bộ Cơ quan Ủy ban nhân dân {L}", "Đảng bộ Khối cơ quan {L}",
  "Đảng bộ Cơ quan Đảng - Đoàn thể {L}",
};
static const char *const unit_military[] = { "Đảng bộ Quân sự {L}", "Đảng bộ Đồn Biên phòng {V}" };
static const char *const unit_police[] = { "Đảng bộ Công an {L}" };

static const char *const branch_commune[] = {
  "Đảng bộ bộ phận cụm bản {V}", "Đảng bộ bộ phận khu vực {V}",
};
static const char *const branch_school[] = {
  "Đảng bộ bộ phận Giáo viên", "Đảng bộ bộ phận Khối chuyên môn {N}",
};
static const char *const branch_hospital[] = {
  "Đảng bộ bộ phận Khối lâm sàng", "Đảng bộ bộ phận Khối cận lâm sàng",
};
static const char *const branch_enterprise[] = {
  "Đảng bộ bộ phận Xí nghiệp số {N}", "Đảng bộ bộ phận Nông trường {V}",
};
static const char *const branch_agency[] = {
  "Đảng bộ bộ phận Khối văn phòng", "Đảng bộ bộ phận Khối chuyên môn {N}",
};
static const char *const branch_military[] = { "Đảng bộ bộ phận Ban Chỉ huy" };
static const char *const branch_police[] = {
  "Đảng bộ bộ phận An ninh", "Đảng bộ bộ phận Cảnh sát",
};

typedef struct
{
  Sector sector;
  List   names;
  List   upper_names;   /* as a đảng bộ cấp trên cơ sở, under a province */
  List   branch_names;  /* its đảng bộ bộ phận */
  guint8 cell_weights[N_CELL_TYPES];
  guint8 min_cells;
  guint8 max_cells;
} UnitInfo;

static const UnitInfo unit_info[N_UNIT_TYPES] = {
  { SECTOR_COMMUNE, LIST (unit_commune), LIST (unit_commune_upper), LIST (branch_commune),
    { 70, 12, 5, 5, 5, 3, 0, 0, 0, 0, 0, 0 }, 6, 16 },
  { SECTOR_EDUCATION, LIST (unit_school), LIST (unit_school), LIST (branch_school),
    { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 }, 3, 6 },
  { SECTOR_HEALTH, LIST (unit_hospital), LIST (unit_hospital), LIST (branch_hospital),
    { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 }, 4, 9 },
  { SECTOR_ENTERPRISE, LIST (unit_enterprise), LIST (unit_enterprise), LIST (branch_enterprise),
    { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 }, 3, 8 },
  { SECTOR_AGENCY, LIST (unit_agency), LIST (unit_agency), LIST (branch_agency),
    { 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0 }, 5, 12 },
  { SECTOR_MILITARY, LIST (unit_military), LIST (unit_military), LIST (branch_military),
    { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 }, 3, 6 },
  { SECTOR_POLICE, LIST (unit_police), LIST (unit_police), LIST (branch_police),
    { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, 3, 8 },
};

/* Which committees a district or commune committee has beneath it, and which cells stand
 * directly under it. */
static const guint8 district_units[N_UNIT_TYPES] = { 60, 10, 8, 8, 6, 4, 4 };
static const guint8 commune_units[N_UNIT_TYPES] = { 0, 30, 15, 25, 10, 10, 10 };
static const guint8 district_cells[N_CELL_TYPES] = { 0, 35, 10, 0, 0, 15, 30, 0, 0, 10, 0, 0 };
static const guint8 commune_cells[N_CELL_TYPES] = { 70, 12, 5, 5, 5, 3, 0, 0, 0, 0, 0, 0 };
static const guint8 top_units[N_UNIT_TYPES] = { 0, 30, 30, 25, 15, 0, 0 };

static const char *const religions[] = { "Phật giáo", "Công giáo", "Tin Lành" };

static const char *const leaving_codes[] = { "died", "struck_off", "expelled", "resigned" };
static const char *const exemption_reasons[] = {
  "Tuổi cao, sức yếu", "Tuổi cao, sức yếu", "Ốm đau dài ngày",
};
static const char *const absence_reasons[] = {
  "Đi công tác", "Ốm", "Việc gia đình", "Đi học tập trung", "Nghỉ phép",
};
static const char *const guest_titles[] = {
  "Đại diện lãnh đạo cấp ủy cấp trên", "Đại diện Ban Tổ chức cấp ủy cấp trên",
  "Đại diện Ủy ban Kiểm tra cấp ủy cấp trên", "Chủ tịch Ủy ban Mặt trận Tổ quốc",
  "Chủ tịch Hội Cựu chiến binh", "Bí thư Đoàn Thanh niên",
};

typedef struct
{
  const char *symbol;
  const char *title;
} DocumentInfo;

static const DocumentInfo documents[] = {
  { "NQ/TU", "Nghị quyết về phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số" },
  { "NQ/TU", "Nghị quyết về xây dựng nông thôn mới" },
  { "NQ/TU", "Nghị quyết về nâng cao chất lượng sinh hoạt chi bộ" },
  { "CT/TW", "Chỉ thị về tăng cường công tác phát triển đảng viên" },
  { "CT/TW", "Chỉ thị về đại hội đảng bộ các cấp" },
  { "QĐ/TW", "Quy định về kiểm điểm và đánh giá, xếp loại chất lượng hằng năm" },
  { "QĐ/TW", "Quy định về thi hành Điều lệ Đảng" },
  { "QĐ/TW", "Quy định về trách nhiệm nêu gương của cán bộ, đảng viên" },
  { "NQ/TW", "Nghị quyết về tăng cường xây dựng, chỉnh đốn Đảng" },
  { "KL/TW", "Kết luận về công tác kiểm tra, giám sát" },
};

static const int badge_steps[] = { 30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90 };
static const int badge_rounds[][2] = { { 2, 3 }, { 5, 19 }, { 9, 2 }, { 11, 7 } };

/* Ratings as kept in memory, one byte per member (or organization) and year. */
enum
{
  RATING_NONE,
  RATING_EXCELLENT,
  RATING_GOOD,
  RATING_DONE,
  RATING_FAILED,
  RATING_RECENTLY_ADMITTED,
  RATING_EXEMPT,
  RATING_RECENTLY_FOUNDED,
};
static const char *const rating_codes[] = {
  NULL, "excellent", "good", "done", "failed", "recently_admitted", "exempt",
  "recently_founded",
};

/* The simulation ------------------------------------------------------------------------------ */

typedef struct
{
  char    *name;
  guint32  parent;      /* index + 1, 0 at the top */
  guint32  tccs;        /* index + 1 of its TCCS (itself for one); 0 when the tree has none */
  Day      founded;
  Day      dissolved;   /* DAY_NONE while it exists */
  guint16  commune;
  guint8   kind;        /* SdbOrganizationKind */
  guint8   type;        /* UnitType for committees, CellType for cells */
  guint8   sector;
  guint8   weight;      /* cells: how many members it draws, 1-4 */
  gboolean is_cell;
  GArray  *members;     /* cells: guint32 member indexes */
  int      active_pos;  /* cells: position in active_cells, -1 when closed */
} Org;

typedef struct
{
  guint32 org;
  Day     day;
  guint8  kind;         /* SdbOrganizationEventKind */
  guint32 target;       /* index + 1 */
  char   *old_name;
  char   *name;
} OrgEvent;

typedef struct
{
  Day         birth;
  Day         admission;
  Day         official;      /* DAY_NONE while probationary */
  Day         last_event;
  Day         exempt_first;  /* DAY_NONE when never exempt */
  Day         exempt_last;   /* DAY_NONE while open */
  guint32     cell;          /* index + 1, 0 once out of the committee */
  gint32      cell_pos;
  gint32      active_pos;
  const char *family;
  const char *middle;
  const char *given;
  const char *position;
  guint16     hometown_commune;
  guint8      hometown_district;
  guint8      gender;
  guint8      ethnic;
  guint8      religion;      /* 0 for none, else religions[religion - 1] */
  guint8      exemption_reason;
  gboolean    executive;
  gint32      awarded_year;
} Member;

typedef struct
{
  guint32 member;
  Day     day;
  guint32 seq;
  guint32 org;     /* index + 1, 0 for a departure */
  guint8  kind;    /* SdbMemberEventKind */
  guint8  reason;  /* SdbLeavingReason + 1, 0 for none */
  guint8  place;   /* districts[] index + 1, 0 for none */
} MemberEvent;

typedef struct
{
  guint8   attendance;  /* SdbAttendance */
  guint32  member;      /* index + 1; 0 for a guest */
  char    *name;        /* guests only */
  char    *title;
  guint8   reason;      /* absence_reasons[] index + 1 */
} Attendee;

typedef struct
{
  guint number;
  guint kind;           /* documents[] index */
  Day   day;
} Document;

typedef struct
{
  Day     day;
  guint8  kind;         /* SdbMeetingKind */
  guint   number;
  guint32 chair;        /* member index + 1 */
  guint32 secretary;
  GArray *attendees;
  GArray *documents;
  gint64  id;
} Meeting;

typedef struct
{
  int     year;
  guint32 org;          /* index + 1 */
  guint32 member;       /* index + 1 */
  guint8  form;
  guint8  reason;
  gint32  meeting;      /* meetings[] index, -1 for none */
} Award;

typedef struct
{
  int     first_year;
  int     last_year;
  guint32 org;          /* index + 1, 0 for the whole committee */
  guint   number;
} Target;

typedef enum
{
  ACTION_SPLIT,
  ACTION_MERGE,
  ACTION_DISSOLVE,
  ACTION_RENAME,
  ACTION_MEETING,
  ACTION_ADMIT,
  ACTION_TRANSFER_IN,
  ACTION_MOVE,
  ACTION_TRANSFER_OUT,
  ACTION_LEAVE,
  ACTION_EXEMPT,
} ActionKind;

typedef struct
{
  Day     day;
  guint32 seq;
  guint8  kind;   /* ActionKind: changes to the tree come first on a day */
  guint32 arg;
} Action;

typedef struct
{
  SdbDatabase          *db;
  const SdbDemoOptions *options;
  GRand                *rand;
  SdbLevel              level;
  char                 *symbol;
  char                 *committee_name;
  char                 *locality;
  char                 *place;
  Day                   start;
  Day                   end;
  guint                 n_years;
  guint                 next_commune;
  guint                 commune_step;
  gint64                sector_ids[N_SECTORS];

  GArray   *orgs;           /* Org */
  GHashTable *org_names;    /* "parent id|name" of every organization, to keep siblings apart */
  GArray   *org_events;     /* OrgEvent */
  GArray   *cell_pool;      /* guint32 org index, each cell as often as its weight */
  GArray   *active_cells;   /* guint32 org index */

  Member   *members;
  guint     n_members;
  GArray   *active;         /* guint32 member index */
  GArray   *events;         /* MemberEvent */
  guint32   event_seq;

  guint8  **member_ratings; /* [year][member] */
  guint8  **org_ratings;    /* [year][org] */
  guint    *org_ratings_len;

  guint    *admissions;     /* planned, per year */
  guint    *transfers;
  GArray   *targets;        /* Target */
  GArray   *meetings;       /* Meeting */
  GArray   *awards;         /* Award */
  GArray   *executive;      /* guint32 member index: the Ban Chấp hành, its Bí thư first */
} Demo;

static void
demo_free (Demo *d)
{
  for (guint i = 0; d->orgs != NULL && i < d->orgs->len; i++)
    {
      Org *o = &g_array_index (d->orgs, Org, i);

      g_free (o->name);
      g_clear_pointer (&o->members, g_array_unref);
    }
  for (guint i = 0; d->org_events != NULL && i < d->org_events->len; i++)
    {
      OrgEvent *e = &g_array_index (d->org_events, OrgEvent, i);

      g_free (e->old_name);
      g_free (e->name);
    }
  for (guint i = 0; d->meetings != NULL && i < d->meetings->len; i++)
    {
      Meeting *m = &g_array_index (d->meetings, Meeting, i);

      for (guint j = 0; j < m->attendees->len; j++)
        {
          Attendee *a = &g_array_index (m->attendees, Attendee, j);

          g_free (a->name);
          g_free (a->title);
        }
      g_array_unref (m->attendees);
      g_array_unref (m->documents);
    }
  for (guint y = 0; y < d->n_years; y++)
    {
      if (d->member_ratings != NULL)
        g_free (d->member_ratings[y]);
      if (d->org_ratings != NULL)
        g_free (d->org_ratings[y]);
    }
  g_free (d->member_ratings);
  g_free (d->org_ratings);
  g_free (d->org_ratings_len);
  g_clear_pointer (&d->orgs, g_array_unref);
  g_clear_pointer (&d->org_names, g_hash_table_unref);
  g_clear_pointer (&d->org_events, g_array_unref);
  g_clear_pointer (&d->cell_pool, g_array_unref);
  g_clear_pointer (&d->active_cells, g_array_unref);
  g_clear_pointer (&d->active, g_array_unref);
  g_clear_pointer (&d->events, g_array_unref);
  g_clear_pointer (&d->targets, g_array_unref);
  g_clear_pointer (&d->meetings, g_array_unref);
  g_clear_pointer (&d->awards, g_array_unref);
  g_clear_pointer (&d->executive, g_array_unref);
  g_free (d->members);
  g_free (d->admissions);
  g_free (d->transfers);
  g_clear_pointer (&d->rand, g_rand_free);
  g_free (d->symbol);
  g_free (d->committee_name);
  g_free (d->locality);
  g_free (d->place);
}

/* Random helpers ---------------------------------------------------------------------------- */

/* An integer in [lo, hi], both included. */
static int
rnd (Demo *d,
     int   lo,
     int   hi)
{
  if (hi <= lo)
    return lo;
  return g_rand_int_range (d->rand, lo, hi + 1);
}

static gboolean
chance (Demo *d,
        int   per_mille)
{
  return g_rand_int_range (d->rand, 0, 1000) < per_mille;
}

static const char *
pick (Demo       *d,
      const List *list)
{
  return list->items[rnd (d, 0, (int) list->n - 1)];
}

static guint
pick_weighted (Demo         *d,
               const guint8 *weights,
               guint         n)
{
  guint total = 0, x;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  x = (guint) rnd (d, 0, (int) total - 1);
  for (guint i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }
  return n - 1;
}

/* @n * @per_mille / 1000, the fraction drawn by chance; when that is below one, at least
 * @floor_per_mille chance of one, so that a small committee still sees each kind of event. */
static guint
scaled (Demo  *d,
        guint  n,
        guint  per_mille,
        guint  floor_per_mille)
{
  guint64 product = (guint64) n * per_mille;
  guint count = (guint) (product / 1000);
  guint rest = (guint) (product % 1000);

  if (count == 0)
    rest = MAX (rest, floor_per_mille);
  if (chance (d, (int) rest))
    count++;
  return count;
}

static Day
random_day_in_year (Demo *d,
                    int   year)
{
  Day first = day_from_civil (year, 1, 1);

  return first + rnd (d, 0, day_from_civil (year + 1, 1, 1) - first - 1);
}

static Day
random_day_between (Demo *d,
                    Day   first,
                    Day   last)
{
  return first + rnd (d, 0, last - first);
}

/* Names ------------------------------------------------------------------------------------- */

static guint
next_commune (Demo *d)
{
  /* Walking the communes with a step prime to their number visits each once before any
   * repeats, so that no two commune committees share a name in a small demo. */
  d->next_commune = (d->next_commune + d->commune_step) % N_COMMUNES;
  return d->next_commune;
}

static void
append_commune (GString *s,
                guint    commune)
{
  g_string_append (s, commune_first[commune % G_N_ELEMENTS (commune_first)]);
  g_string_append_c (s, ' ');
  g_string_append (s, commune_second[commune / G_N_ELEMENTS (commune_first)]);
}

static char *
expand (Demo       *d,
        const char *template,
        guint       commune)
{
  GString *s = g_string_sized_new (64);

  for (const char *p = template; *p != '\0'; p++)
    {
      if (p[0] != '{' || p[1] == '\0' || p[2] != '}')
        {
          g_string_append_c (s, *p);
          continue;
        }
      switch (p[1])
        {
        case 'C':
          append_commune (s, commune);
          break;
        case 'V':
          g_string_append (s, village_first[rnd (d, 0, G_N_ELEMENTS (village_first) - 1)]);
          g_string_append_c (s, ' ');
          g_string_append (s, village_second[rnd (d, 0, G_N_ELEMENTS (village_second) - 1)]);
          break;
        case 'N':
          g_string_append_printf (s, "%d", rnd (d, 1, 9));
          break;
        case 'L':
          g_string_append (s, d->locality);
          break;
        case 'P':
          g_string_append (s, d->place);
          break;
        default:
          g_string_append_len (s, p, 3);
          break;
        }
      p += 2;
    }
  return g_string_free (s, FALSE);
}

/* A name for @o from the templates of its kind and type. */
static char *
org_make_name (Demo      *d,
               const Org *o)
{
  const List *list;

  if (o->is_cell)
    list = &cell_info[o->type].names;
  else if (o->kind == SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN)
    list = &unit_info[o->type].branch_names;
  else if (o->kind == SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO)
    list = &unit_info[o->type].upper_names;
  else
    list = &unit_info[o->type].names;
  return expand (d, pick (d, list), o->commune);
}

static char *
org_name_key (guint32     parent,
              const char *name)
{
  return g_strdup_printf ("%u|%s", parent, name);
}

static gboolean
org_name_taken (Demo       *d,
                guint32     parent,
                const char *name)
{
  g_autofree char *key = org_name_key (parent, name);

  return g_hash_table_contains (d->org_names, key);
}

/* Two cells of one committee are not both "Chi bộ tổ dân phố 8": a few draws find another
 * name; a template without choices may still repeat. */
static char *
org_make_unique_name (Demo      *d,
                      const Org *o)
{
  char *name = org_make_name (d, o);

  for (int tries = 0; tries < 8 && org_name_taken (d, o->parent, name); tries++)
    {
      g_free (name);
      name = org_make_name (d, o);
    }
  return name;
}

/* "Đảng bộ huyện Sốp Cộp" gives the locality "huyện Sốp Cộp" and the place "Sốp Cộp". */
static void
split_profile_name (Demo       *d,
                    const char *name)
{
  static const char *const prefixes[] = { "Đảng bộ ", "Chi bộ " };
  static const char *const levels[] = {
    "thành phố ", "thị trấn ", "thị xã ", "đặc khu ", "huyện ", "tỉnh ", "quận ", "phường ",
    "xã ",
  };
  const char *rest = name;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (rest, prefixes[i]))
      rest += strlen (prefixes[i]);
  d->locality = g_strdup (*rest != '\0' ? rest : name);
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (g_str_has_prefix (rest, levels[i]))
      {
        rest += strlen (levels[i]);
        break;
      }
  d->place = g_strdup (*rest != '\0' ? rest : d->locality);
}

/* Organizations ----------------------------------------------------------------------------- */

static Org *
org_get (Demo    *d,
         guint32  id)
{
  g_assert (id >= 1 && id <= d->orgs->len);
  return &g_array_index (d->orgs, Org, id - 1);
}

static gboolean
org_exists_on (const Org *o,
               Day        day)
{
  return o->founded <= day && (o->dissolved == DAY_NONE || o->dissolved > day);
}

static void
cell_open (Demo    *d,
           guint32  id)
{
  Org *o = org_get (d, id);
  guint32 index = id - 1;

  o->active_pos = (int) d->active_cells->len;
  g_array_append_val (d->active_cells, index);
  for (guint i = 0; i < o->weight; i++)
    g_array_append_val (d->cell_pool, index);
}

static void
cell_close (Demo    *d,
            guint32  id)
{
  Org *o = org_get (d, id);
  guint32 last = g_array_index (d->active_cells, guint32, d->active_cells->len - 1);

  g_array_index (d->active_cells, guint32, o->active_pos) = last;
  g_array_index (d->orgs, Org, last).active_pos = o->active_pos;
  g_array_set_size (d->active_cells, d->active_cells->len - 1);
  o->active_pos = -1;
}

/* Adds an organization founded on @founded, open from then on; returns its id. */
static guint32
org_add (Demo    *d,
         guint8   kind,
         guint32  parent,
         guint8   type,
         guint    commune,
         Day      founded)
{
  Org o = { 0 };
  guint32 id;

  o.kind = kind;
  o.parent = parent;
  o.type = type;
  o.commune = (guint16) commune;
  o.founded = founded;
  o.dissolved = DAY_NONE;
  o.is_cell = kind == SDB_ORGANIZATION_KIND_CHI_BO_CO_SO
              || kind == SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC;
  o.sector = o.is_cell ? cell_info[type].sector : unit_info[type].sector;
  o.active_pos = -1;
  if (o.is_cell)
    {
      o.members = g_array_new (FALSE, FALSE, sizeof (guint32));
      o.weight = (guint8) rnd (d, 1, 4);
    }
  o.name = org_make_unique_name (d, &o);
  g_hash_table_add (d->org_names, org_name_key (parent, o.name));

  id = d->orgs->len + 1;
  if (kind == SDB_ORGANIZATION_KIND_DANG_BO_CO_SO || kind == SDB_ORGANIZATION_KIND_CHI_BO_CO_SO)
    o.tccs = id;
  else if (parent != 0)
    o.tccs = org_get (d, parent)->tccs;
  g_array_append_val (d->orgs, o);
  if (o.is_cell)
    cell_open (d, id);
  return id;
}

/* A founding date before the first year, after the parent's. */
static Day
founding_day (Demo    *d,
              guint32  parent)
{
  Day last = d->start - 1;
  Day first;

  if (parent != 0)
    first = org_get (d, parent)->founded + 1;
  else
    first = day_from_civil (MAX (SDB_DATE_YEAR_MIN + 30, d->options->first_year - 60), 1, 1);
  if (first > last)
    first = last;
  /* Children are usually founded soon after their parent. */
  if (parent != 0)
    last = first + (last - first) / 3;
  return random_day_between (d, first, last);
}

static guint32
add_cell (Demo    *d,
          guint8   kind,
          guint32  parent,
          guint8   type,
          guint    commune)
{
  if (parent == 0)
    commune = next_commune (d);
  return org_add (d, kind, parent, type, commune, founding_day (d, parent));
}

/* A đảng bộ (cơ sở or bộ phận) of @type with @n_cells cells, a bộ phận among them when
 * @branch; returns how many cells it made. */
static guint
add_committee (Demo    *d,
               guint8   kind,
               guint32  parent,
               guint8   type,
               guint    n_cells,
               gboolean branch)
{
  const UnitInfo *info = &unit_info[type];
  guint commune = next_commune (d);
  guint32 id = org_add (d, kind, parent, type, commune, founding_day (d, parent));
  guint made = 0;

  if (branch && n_cells >= 2)
    {
      guint in_branch = (guint) rnd (d, 1, (int) MIN (4, n_cells - 1));
      guint32 branch_id = org_add (d, SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN, id, type, commune,
                                   founding_day (d, id));

      for (guint i = 0; i < in_branch; i++)
        add_cell (d, SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC, branch_id,
                  (guint8) pick_weighted (d, info->cell_weights, N_CELL_TYPES), commune);
      made += in_branch;
    }
  for (; made < n_cells; made++)
    add_cell (d, SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC, id,
              (guint8) pick_weighted (d, info->cell_weights, N_CELL_TYPES), commune);
  return made;
}

static guint
unit_size (Demo  *d,
           guint8 type,
           guint  left)
{
  guint n = (guint) rnd (d, unit_info[type].min_cells, unit_info[type].max_cells);

  return MAX (1, MIN (n, left));
}

/* The tree as it stood before the first year, with about @n_cells cells, of every kind the
 * committee's level allows (DOMAIN.md, "Party organizations"). */
static void
build_tree (Demo  *d,
            guint  n_cells)
{
  guint made = 0;

  switch (d->level)
    {
    case SDB_LEVEL_PROVINCE:
      {
        /* A few TCCS stand directly under the province: a committee and some cells. */
        guint top = MAX (2, n_cells / 7);
        guint8 type = (guint8) pick_weighted (d, top_units, N_UNIT_TYPES);

        made += add_committee (d, SDB_ORGANIZATION_KIND_DANG_BO_CO_SO, 0, type,
                               unit_size (d, type, top - 1), made == 0);
        while (made < top)
          {
            add_cell (d, SDB_ORGANIZATION_KIND_CHI_BO_CO_SO, 0,
                      (guint8) pick_weighted (d, district_cells, N_CELL_TYPES), 0);
            made++;
          }
        /* Communes and wards, each with its own TCCS. */
        for (gboolean first = TRUE; made < n_cells || first; first = FALSE)
          {
            guint commune = next_commune (d);
            guint32 upper = org_add (d, SDB_ORGANIZATION_KIND_DANG_BO_CAP_TREN_CO_SO, 0,
                                     UNIT_COMMUNE, commune, founding_day (d, 0));
            guint n_tccs = (guint) rnd (d, 6, 14);

            for (guint i = 0; i < n_tccs && (made < n_cells || first); i++)
              {
                if ((i == 0 && first) || chance (d, 120))
                  {
                    guint8 unit = (guint8) pick_weighted (d, commune_units, N_UNIT_TYPES);

                    guint left = n_cells - MIN (made, n_cells);

                    made += add_committee (d, SDB_ORGANIZATION_KIND_DANG_BO_CO_SO, upper, unit,
                                           MAX (2, unit_size (d, unit, left)),
                                           first || chance (d, 250));
                  }
                else
                  {
                    add_cell (d, SDB_ORGANIZATION_KIND_CHI_BO_CO_SO, upper,
                              (guint8) pick_weighted (d, commune_cells, N_CELL_TYPES), commune);
                    made++;
                  }
                if (first && i == 0)
                  {
                    add_cell (d, SDB_ORGANIZATION_KIND_CHI_BO_CO_SO, upper, CELL_VILLAGE,
                              commune);
                    made++;
                  }
              }
          }
      }
      break;

    case SDB_LEVEL_GRASSROOTS:
      {
        /* The committee is itself a đảng bộ cơ sở: its bộ phận and cells stand under it. */
        guint in_branches = MAX (1, n_cells / 2);

        for (gboolean first = TRUE; made < in_branches || first; first = FALSE)
          {
            guint commune = next_commune (d);
            guint32 branch = org_add (d, SDB_ORGANIZATION_KIND_DANG_BO_BO_PHAN, 0, UNIT_COMMUNE,
                                      commune, founding_day (d, 0));
            guint n = MAX (1, MIN ((guint) rnd (d, 3, 7), in_branches - MIN (made, in_branches)));

            for (guint i = 0; i < n; i++)
              add_cell (d, SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC, branch,
                        (guint8) pick_weighted (d, unit_info[UNIT_COMMUNE].cell_weights,
                                                N_CELL_TYPES), commune);
            made += n;
          }
        do
          {
            add_cell (d, SDB_ORGANIZATION_KIND_CHI_BO_TRUC_THUOC, 0,
                      (guint8) pick_weighted (d, commune_cells, N_CELL_TYPES), 0);
            made++;
          }
        while (made < n_cells);
      }
      break;

    case SDB_LEVEL_DISTRICT:
    case SDB_LEVEL_COMMUNE:
    default:
      {
        /* Đảng bộ cơ sở with their cells, then chi bộ cơ sở standing alone. */
        const guint8 *units = d->level == SDB_LEVEL_COMMUNE ? commune_units : district_units;
        const guint8 *cells = d->level == SDB_LEVEL_COMMUNE ? commune_cells : district_cells;
        guint in_committees = MAX (2, n_cells * 3 / 5);

        for (gboolean first = TRUE; made < in_committees || first; first = FALSE)
          {
            guint8 type = (guint8) pick_weighted (d, units, N_UNIT_TYPES);
            guint n = unit_size (d, type, in_committees - MIN (made, in_committees));

            made += add_committee (d, SDB_ORGANIZATION_KIND_DANG_BO_CO_SO, 0, type,
                                   first ? MAX (2, n) : n, first || chance (d, 250));
          }
        do
          {
            add_cell (d, SDB_ORGANIZATION_KIND_CHI_BO_CO_SO, 0,
                      (guint8) pick_weighted (d, cells, N_CELL_TYPES), 0);
            made++;
          }
        while (made < n_cells);
      }
      break;
    }
}

/* Members ----------------------------------------------------------------------------------- */

static Member *
member_new (Demo    *d,
            guint32 *index)
{
  Member *m;

  g_assert (d->n_members < d->options->members);
  *index = d->n_members++;
  m = &d->members[*index];
  m->ethnic = (guint8) pick_weighted (d, ethnic_weights, N_ETHNIC);
  m->gender = chance (d, 360) ? SDB_GENDER_FEMALE : SDB_GENDER_MALE;
  m->family = pick (d, &families[m->ethnic]);
  m->middle = pick (d, &middles[m->ethnic][m->gender]);
  m->given = pick (d, &givens[m->ethnic][m->gender]);
  if (m->ethnic == ETHNIC_MONG && chance (d, 150))
    m->religion = 3;
  else if (m->ethnic == ETHNIC_KINH && chance (d, 50))
    m->religion = (guint8) rnd (d, 1, 2);
  else if (chance (d, 10))
    m->religion = 1;
  /* Kinh members often come from the delta; the others were born nearby. */
  if (m->ethnic == ETHNIC_KINH && chance (d, 600))
    m->hometown_district = (guint8) rnd (d, N_LOCAL_DISTRICTS, G_N_ELEMENTS (districts) - 1);
  else
    m->hometown_district = (guint8) rnd (d, 0, N_LOCAL_DISTRICTS - 1);
  m->hometown_commune = (guint16) rnd (d, 0, N_COMMUNES - 1);
  m->official = DAY_NONE;
  m->exempt_first = DAY_NONE;
  m->exempt_last = DAY_NONE;
  m->active_pos = -1;
  m->cell_pos = -1;
  m->awarded_year = 0;
  return m;
}

/* Sets the admission date, a birth date at least @age years before it, and the official date
 * 12 months later (a little more for some), unless that is after the last year. */
static void
member_set_admission (Demo   *d,
                      Member *m,
                      Day     admission,
                      int     age)
{
  Day official;

  m->admission = avoid_leap_day (admission);
  m->birth = add_months (m->admission, -12 * age) - rnd (d, 0, 364);
  if (year_of (m->birth) < SDB_DATE_YEAR_MIN)
    m->birth = day_from_civil (SDB_DATE_YEAR_MIN, 1, 1) + rnd (d, 0, 364);
  g_assert (add_months (m->birth, 12 * 18) <= m->admission);
  official = add_months (m->admission, 12);
  if (chance (d, 150))
    official += rnd (d, 1, 40);
  /* A probation that ends within the invented years is decided within them, so that nothing
   * is overdue when seen from their last day. */
  if (official > d->end && add_months (m->admission, 12) <= d->end)
    official = d->end;
  m->official = official <= d->end ? official : DAY_NONE;
}

static int
admission_age (Demo *d)
{
  int x = rnd (d, 0, 99);

  if (x < 45)
    return rnd (d, 18, 25);
  if (x < 85)
    return rnd (d, 26, 35);
  return rnd (d, 36, 45);
}

static void
add_event (Demo    *d,
           guint32  member,
           Day      day,
           guint8   kind,
           guint32  org,
           guint8   reason,
           guint8   place)
{
  MemberEvent e = { member, day, d->event_seq++, org, kind, reason, place };

  g_array_append_val (d->events, e);
  d->members[member].last_event = day;
}

static void
member_place (Demo    *d,
              guint32  index,
              guint32  cell)
{
  Member *m = &d->members[index];
  Org *o = org_get (d, cell);

  m->cell = cell;
  m->cell_pos = (gint32) o->members->len;
  g_array_append_val (o->members, index);
}

static void
member_unplace (Demo    *d,
                guint32  index)
{
  Member *m = &d->members[index];
  Org *o = org_get (d, m->cell);
  guint32 last = g_array_index (o->members, guint32, o->members->len - 1);

  g_array_index (o->members, guint32, m->cell_pos) = last;
  d->members[last].cell_pos = m->cell_pos;
  g_array_set_size (o->members, o->members->len - 1);
  m->cell = 0;
  m->cell_pos = -1;
}

static void
member_enter (Demo    *d,
              guint32  index,
              guint32  cell,
              Day      day,
              guint8   kind,
              guint8   place)
{
  Member *m = &d->members[index];

  member_place (d, index, cell);
  m->active_pos = (gint32) d->active->len;
  g_array_append_val (d->active, index);
  add_event (d, index, day, kind, cell, 0, place);
}

static void
member_move (Demo    *d,
             guint32  index,
             guint32  cell,
             Day      day)
{
  member_unplace (d, index);
  member_place (d, index, cell);
  add_event (d, index, day, SDB_MEMBER_EVENT_KIND_MOVE, cell, 0, 0);
}

static void
member_depart (Demo    *d,
               guint32  index,
               Day      day,
               guint8   kind,
               guint8   reason,
               guint8   place)
{
  Member *m = &d->members[index];
  guint32 last = g_array_index (d->active, guint32, d->active->len - 1);

  member_unplace (d, index);
  g_array_index (d->active, guint32, m->active_pos) = last;
  d->members[last].active_pos = m->active_pos;
  g_array_set_size (d->active, d->active->len - 1);
  m->active_pos = -1;
  add_event (d, index, day, kind, 0, reason, place);
  /* Whoever leaves before their probation ends is made official elsewhere, if at all. */
  if (m->official != DAY_NONE && m->official > day)
    m->official = DAY_NONE;
  if (m->exempt_first != DAY_NONE && (m->exempt_last == DAY_NONE || m->exempt_last > day))
    m->exempt_last = day;
}

static int
age_on (const Member *m,
        Day           day)
{
  int by, bm, bd, y, mo, dd, age;

  civil_from_day (m->birth, &by, &bm, &bd);
  civil_from_day (day, &y, &mo, &dd);
  age = y - by;
  if (mo < bm || (mo == bm && dd < bd))
    age--;
  return age;
}

/* A cell open on @day, drawn by weight; not @except. Returns its id, or 0. */
static guint32
pick_cell (Demo    *d,
           guint32  except)
{
  for (int tries = 0; tries < 30 && d->cell_pool->len > 0; tries++)
    {
      guint32 index = g_array_index (d->cell_pool, guint32,
                                     rnd (d, 0, (int) d->cell_pool->len - 1));

      if (g_array_index (d->orgs, Org, index).active_pos >= 0 && index + 1 != except)
        return index + 1;
    }
  for (int tries = 0; tries < 30 && d->active_cells->len > 0; tries++)
    {
      guint32 index = g_array_index (d->active_cells, guint32,
                                     rnd (d, 0, (int) d->active_cells->len - 1));

      if (index + 1 != except)
        return index + 1;
    }
  return 0;
}

/* A member of the committee with nothing else recorded on @day; returns index + 1, or 0. */
static guint32
pick_member (Demo *d,
             Day   day,
             int   min_age)
{
  guint32 fallback = 0;

  for (int tries = 0; tries < 12 && d->active->len > 0; tries++)
    {
      guint32 index = g_array_index (d->active, guint32, rnd (d, 0, (int) d->active->len - 1));
      const Member *m = &d->members[index];

      if (m->last_event >= day)
        continue;
      if (age_on (m, day) >= min_age)
        return index + 1;
      if (fallback == 0)
        fallback = index + 1;
    }
  return min_age > 0 ? 0 : fallback;
}

/* The members of the committee on 1/1 of the first year. */
static void
populate (Demo  *d,
          guint  n)
{
  int first_year = d->options->first_year;

  for (guint i = 0; i < n; i++)
    {
      guint32 index;
      Member *m = member_new (d, &index);
      guint32 cell = pick_cell (d, 0);
      const Org *o = org_get (d, cell);
      int x = rnd (d, 0, 99);
      int years = x < 62 ? rnd (d, 1, 20) : x < 94 ? rnd (d, 20, 40) : rnd (d, 40, 60);
      int age = years >= 40 ? rnd (d, 18, 25) : admission_age (d);
      int year = MAX (first_year - years, SDB_DATE_YEAR_MIN + age + 1);
      /* A month before the first year at the latest, so that whoever transferred in is in
       * place before the first day simulated. */
      Day admission = MIN (random_day_in_year (d, year), d->start - 31);
      Day entry;

      member_set_admission (d, m, admission, age);
      m->position = pick (d, &positions[o->sector]);
      /* Those admitted before their cell existed, or by another committee, came by
       * transfer. */
      if (m->admission >= o->founded && chance (d, 750))
        member_enter (d, index, cell, m->admission, SDB_MEMBER_EVENT_KIND_ADMITTED, 0);
      else
        {
          Day lo = MAX (m->admission + 30, o->founded + 1);

          entry = lo <= d->start - 1 ? random_day_between (d, lo, d->start - 1) : d->start - 1;
          member_enter (d, index, cell, entry, SDB_MEMBER_EVENT_KIND_TRANSFER_IN,
                        (guint8) rnd (d, 1, G_N_ELEMENTS (districts)));
        }
      /* Old members are often exempt from work and meetings. */
      if (age_on (m, d->start) >= 75 && chance (d, 400))
        {
          Day lo = MAX (m->last_event + 30, add_months (m->birth, 12 * 70));

          if (lo < d->start)
            {
              m->exempt_first = random_day_between (d, lo, d->start - 1);
              m->exemption_reason = (guint8) rnd (d, 0, 1);
            }
        }
    }
}

/* Meetings ---------------------------------------------------------------------------------- */

static char *
person_name (Demo *d)
{
  guint8 ethnic = (guint8) pick_weighted (d, ethnic_weights, N_ETHNIC);
  guint8 gender = chance (d, 300) ? 1 : 0;

  return g_strdup_printf ("%s %s %s", pick (d, &families[ethnic]),
                          pick (d, &middles[ethnic][gender]), pick (d, &givens[ethnic][gender]));
}

/* An official member of working age for the Ban Chấp hành; index + 1, or 0. */
static guint32
pick_delegate (Demo *d,
               Day   day)
{
  for (int tries = 0; tries < 40 && d->active->len > 0; tries++)
    {
      guint32 index = g_array_index (d->active, guint32, rnd (d, 0, (int) d->active->len - 1));
      Member *m = &d->members[index];
      int age = age_on (m, day);

      if (!m->executive && m->official != DAY_NONE && m->official <= day && age >= 30
          && age <= 58)
        return index + 1;
    }
  return 0;
}

/* The Ban Chấp hành elected at the start of a term, kept whole: whoever has left is replaced
 * at the next meeting. */
static void
update_executive (Demo     *d,
                  Day       day,
                  gboolean  elect)
{
  guint size = CLAMP (15 + d->active->len / 8000, 15, 45);

  if (elect)
    {
      for (guint i = 0; i < d->executive->len; i++)
        d->members[g_array_index (d->executive, guint32, i)].executive = FALSE;
      g_array_set_size (d->executive, 0);
    }
  for (guint i = 0; i < d->executive->len; i++)
    {
      guint32 *index = &g_array_index (d->executive, guint32, i);

      if (d->members[*index].active_pos < 0)
        {
          guint32 other = pick_delegate (d, day);

          d->members[*index].executive = FALSE;
          if (other == 0)
            {
              g_array_remove_index (d->executive, i--);
              continue;
            }
          *index = other - 1;
          d->members[*index].executive = TRUE;
        }
    }
  while (d->executive->len < size)
    {
      guint32 other = pick_delegate (d, day);

      if (other == 0)
        break;
      g_array_append_val (d->executive, (guint32) { other - 1 });
      d->members[other - 1].executive = TRUE;
    }
}

static const char *
delegate_role (guint i)
{
  if (i == 0)
    return "Bí thư";
  if (i == 1)
    return "Phó Bí thư Thường trực";
  if (i == 2)
    return "Phó Bí thư";
  if (i < 9)
    return "Ủy viên Ban Thường vụ";
  return "Ủy viên Ban Chấp hành";
}

static void
give_awards (Demo *d,
             Day   day,
             int   meeting)
{
  int year = year_of (day);
  guint n_orgs = 0;
  guint n_collective, n_individual;
  guint32 *open = g_new (guint32, d->orgs->len);

  for (guint i = 0; i < d->orgs->len; i++)
    if (org_exists_on (&g_array_index (d->orgs, Org, i), day))
      open[n_orgs++] = i;

  n_collective = n_orgs > 0 ? MAX (1, n_orgs / 25) : 0;
  for (guint i = 0; i < n_collective; i++)
    {
      /* A partial shuffle: each organization is awarded at most once a year. */
      guint j = (guint) rnd (d, (int) i, (int) n_orgs - 1);
      guint32 tmp = open[i];
      Award a = { year, 0, 0, 0, 0, -1 };

      open[i] = open[j];
      open[j] = tmp;
      a.org = open[i] + 1;
      a.form = (guint8) pick_weighted (d, (const guint8[]) { 6, 3, 1 }, 3);
      a.reason = (guint8) rnd (d, 0, 1);
      a.meeting = chance (d, 700) ? meeting : -1;
      g_array_append_val (d->awards, a);
    }
  g_free (open);

  n_individual = d->active->len > 0 ? MAX (1, d->active->len / 200) : 0;
  for (guint i = 0, tries = 0; i < n_individual && tries < n_individual * 4; tries++)
    {
      guint32 index = g_array_index (d->active, guint32, rnd (d, 0, (int) d->active->len - 1));
      Award a = { year, 0, index + 1, 0, 0, -1 };

      if (d->members[index].awarded_year == year)
        continue;
      d->members[index].awarded_year = year;
      a.form = (guint8) (chance (d, 800) ? 0 : 1);
      a.reason = (guint8) rnd (d, 2, 3);
      a.meeting = chance (d, 600) ? meeting : -1;
      g_array_append_val (d->awards, a);
      i++;
    }
}

static void
hold_meeting (Demo  *d,
              guint  meeting_index)
{
  Meeting *meeting = &g_array_index (d->meetings, Meeting, meeting_index);
  int year = year_of (meeting->day);
  gboolean elect = d->executive->len == 0
                   || (year % 5 == 0 && (meeting->kind == SDB_MEETING_KIND_EXECUTIVE
                                         || meeting->kind == SDB_MEETING_KIND_YEAR_END)
                       && chance (d, 200));
  guint n_delegates;
  guint n_documents;

  update_executive (d, meeting->day, elect);
  switch (meeting->kind)
    {
    case SDB_MEETING_KIND_STANDING:
      n_delegates = MIN (d->executive->len, 9);
      break;
    case SDB_MEETING_KIND_STANDING_MEMBERS:
      n_delegates = MIN (d->executive->len, 3);
      break;
    default:
      n_delegates = d->executive->len;
      break;
    }
  if (n_delegates > 0)
    {
      meeting->chair = g_array_index (d->executive, guint32, 0) + 1;
      meeting->secretary = g_array_index (d->executive, guint32, n_delegates - 1) + 1;
    }
  for (guint i = 0; i < n_delegates; i++)
    {
      Attendee a = { SDB_ATTENDANCE_PRESENT, g_array_index (d->executive, guint32, i) + 1,
                     NULL, NULL, 0 };

      a.title = g_strdup_printf ("%s %s", delegate_role (i), d->committee_name);
      if (i > 0 && chance (d, 70))
        {
          a.attendance = SDB_ATTENDANCE_ABSENT;
          a.reason = (guint8) rnd (d, 1, G_N_ELEMENTS (absence_reasons));
        }
      g_array_append_val (meeting->attendees, a);
    }
  if (meeting->kind == SDB_MEETING_KIND_YEAR_END || meeting->kind == SDB_MEETING_KIND_MID_TERM
      || meeting->kind == SDB_MEETING_KIND_DISSEMINATION
      || (meeting->kind == SDB_MEETING_KIND_EXECUTIVE && chance (d, 300)))
    {
      guint n_guests = (guint) rnd (d, 1, 4);

      for (guint i = 0; i < n_guests; i++)
        {
          Attendee a = { SDB_ATTENDANCE_GUEST, 0, person_name (d),
                         g_strdup (guest_titles[rnd (d, 0, G_N_ELEMENTS (guest_titles) - 1)]),
                         0 };

          g_array_append_val (meeting->attendees, a);
        }
    }

  n_documents = meeting->kind == SDB_MEETING_KIND_STANDING_MEMBERS ? 0 : (guint) rnd (d, 1, 3);
  if (meeting->kind == SDB_MEETING_KIND_DISSEMINATION)
    n_documents++;
  for (guint i = 0; i < n_documents; i++)
    {
      Document doc = { (guint) rnd (d, 1, 300), (guint) rnd (d, 0, G_N_ELEMENTS (documents) - 1),
                       meeting->day - rnd (d, 5, 240) };

      g_array_append_val (meeting->documents, doc);
    }

  if (meeting->kind == SDB_MEETING_KIND_YEAR_END)
    give_awards (d, meeting->day, (int) meeting_index);
}

static int
compare_meetings (gconstpointer a,
                  gconstpointer b)
{
  const Meeting *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* The year's meetings, numbered in date order, as actions of the simulation. */
static void
plan_meetings (Demo   *d,
               int     year,
               GArray *actions)
{
  static const struct { guint8 kind; guint8 count; guint8 first_month; guint8 last_month; }
  plan[] = {
    { SDB_MEETING_KIND_EXECUTIVE, 3, 3, 10 },
    { SDB_MEETING_KIND_STANDING, 6, 1, 11 },
    { SDB_MEETING_KIND_STANDING_MEMBERS, 2, 1, 12 },
    { SDB_MEETING_KIND_YEAR_END, 1, 12, 12 },
    { SDB_MEETING_KIND_MID_TERM, 1, 7, 7 },
    { SDB_MEETING_KIND_THEMATIC, 1, 4, 11 },
    { SDB_MEETING_KIND_DISSEMINATION, 2, 2, 11 },
    { SDB_MEETING_KIND_OTHER, 1, 1, 12 },
  };
  guint first = d->meetings->len;

  for (guint i = 0; i < G_N_ELEMENTS (plan); i++)
    {
      guint count = plan[i].count;

      if (plan[i].kind == SDB_MEETING_KIND_THEMATIC || plan[i].kind == SDB_MEETING_KIND_OTHER)
        count = (guint) rnd (d, 0, count + 1);
      for (guint j = 0; j < count; j++)
        {
          Meeting m = { 0 };
          int month = rnd (d, plan[i].first_month, plan[i].last_month);

          m.kind = plan[i].kind;
          m.day = day_from_civil (year, month,
                                  m.kind == SDB_MEETING_KIND_YEAR_END ? rnd (d, 15, 28)
                                                                      : rnd (d, 2, 28));
          m.attendees = g_array_new (FALSE, FALSE, sizeof (Attendee));
          m.documents = g_array_new (FALSE, FALSE, sizeof (Document));
          g_array_append_val (d->meetings, m);
        }
    }
  qsort (&g_array_index (d->meetings, Meeting, first), d->meetings->len - first,
         sizeof (Meeting), compare_meetings);
  for (guint i = first; i < d->meetings->len; i++)
    {
      Meeting *m = &g_array_index (d->meetings, Meeting, i);
      Action a = { m->day, 0, ACTION_MEETING, i };

      m->number = i - first + 1;
      g_array_append_val (actions, a);
    }
}

/* Changes to the tree ----------------------------------------------------------------------- */

/* A cell open on @day with a sibling of its kind under the same parent, so that its members
 * have somewhere to go and its parent keeps a cell; returns its id and the sibling's, or 0. */
static guint32
pick_cell_with_sibling (Demo    *d,
                        Day      day,
                        guint32 *sibling)
{
  for (int tries = 0; tries < 20 && d->active_cells->len > 1; tries++)
    {
      guint32 index = g_array_index (d->active_cells, guint32,
                                     rnd (d, 0, (int) d->active_cells->len - 1));
      const Org *o = &g_array_index (d->orgs, Org, index);
      guint found = 0;

      if (year_of (o->founded) == year_of (day))
        continue;
      /* Reservoir sampling over the open cells keeps the pick fair without a list. */
      *sibling = 0;
      for (guint i = 0; i < d->active_cells->len; i++)
        {
          guint32 other = g_array_index (d->active_cells, guint32, i);
          const Org *s = &g_array_index (d->orgs, Org, other);

          if (other != index && s->parent == o->parent && s->kind == o->kind
              && rnd (d, 0, (int) found++) == 0)
            *sibling = other + 1;
        }
      if (*sibling != 0)
        return index + 1;
    }
  return 0;
}

static void
org_add_event (Demo    *d,
               guint32  org,
               Day      day,
               guint8   kind,
               guint32  target,
               char    *old_name,
               char    *name)
{
  OrgEvent e = { org, day, kind, target, old_name, name };

  g_array_append_val (d->org_events, e);
}

static void
do_split (Demo *d,
          Day   day)
{
  for (int tries = 0; tries < 10 && d->active_cells->len > 0; tries++)
    {
      guint32 index = g_array_index (d->active_cells, guint32,
                                     rnd (d, 0, (int) d->active_cells->len - 1));
      Org *o = &g_array_index (d->orgs, Org, index);
      guint32 id;
      GArray *moving;

      if (o->members->len < 16 || year_of (o->founded) == year_of (day))
        continue;
      id = org_add (d, o->kind, o->parent, o->type, o->commune, day);
      /* Adding may have moved the array. */
      o = &g_array_index (d->orgs, Org, index);
      /* Some 40% of the old cell's members form the new one. */
      moving = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (guint i = 0; i < o->members->len; i++)
        {
          guint32 member = g_array_index (o->members, guint32, i);

          if (d->members[member].last_event < day && chance (d, 400))
            g_array_append_val (moving, member);
        }
      for (guint i = 0; i < moving->len; i++)
        member_move (d, g_array_index (moving, guint32, i), id, day);
      g_array_unref (moving);
      return;
    }
}

static void
do_close (Demo     *d,
          Day       day,
          gboolean  merge)
{
  guint32 sibling = 0;
  guint32 id = pick_cell_with_sibling (d, day, &sibling);
  Org *o;

  if (id == 0)
    return;
  o = org_get (d, id);
  /* The members are moved first, so that the cell is empty when it closes. */
  while (o->members->len > 0)
    member_move (d, g_array_index (o->members, guint32, o->members->len - 1), sibling, day);
  o->dissolved = day;
  cell_close (d, id);
  org_add_event (d, id, day,
                 merge ? SDB_ORGANIZATION_EVENT_KIND_MERGE : SDB_ORGANIZATION_EVENT_KIND_DISSOLVE,
                 merge ? sibling : 0, NULL, NULL);
}

static void
do_rename (Demo *d,
           Day   day)
{
  for (int tries = 0; tries < 10; tries++)
    {
      guint32 id = (guint32) rnd (d, 1, (int) d->orgs->len);
      Org *o = org_get (d, id);
      char *name;

      if (!org_exists_on (o, day) || o->founded >= day)
        continue;
      name = org_make_unique_name (d, o);
      if (org_name_taken (d, o->parent, name))
        {
          g_free (name);
          continue;
        }
      g_hash_table_add (d->org_names, org_name_key (o->parent, name));
      org_add_event (d, id, day, SDB_ORGANIZATION_EVENT_KIND_RENAME, 0, o->name, g_strdup (name));
      o->name = name;
      return;
    }
}

/* The year ---------------------------------------------------------------------------------- */

static void
add_actions (Demo       *d,
             GArray     *actions,
             int         year,
             guint       count,
             ActionKind  kind)
{
  for (guint i = 0; i < count; i++)
    {
      Action a = { random_day_in_year (d, year), 0, (guint8) kind, 0 };

      g_array_append_val (actions, a);
    }
}

static int
compare_actions (gconstpointer a,
                 gconstpointer b)
{
  const Action *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
do_admit (Demo *d,
          Day   day)
{
  guint32 cell = pick_cell (d, 0);
  guint32 index;
  Member *m;

  if (cell == 0 || d->n_members >= d->options->members)
    return;
  m = member_new (d, &index);
  member_set_admission (d, m, day, admission_age (d));
  m->position = pick (d, &positions[org_get (d, cell)->sector]);
  member_enter (d, index, cell, m->admission, SDB_MEMBER_EVENT_KIND_ADMITTED, 0);
}

static void
do_transfer_in (Demo *d,
                Day   day)
{
  guint32 cell = pick_cell (d, 0);
  guint32 index;
  Member *m;
  Day admission;

  if (cell == 0 || d->n_members >= d->options->members)
    return;
  m = member_new (d, &index);
  admission = day - rnd (d, 200, 365 * 25);
  if (year_of (admission) < SDB_DATE_YEAR_MIN + 50)
    admission = day - 200;
  member_set_admission (d, m, admission, admission_age (d));
  m->position = pick (d, &positions[org_get (d, cell)->sector]);
  member_enter (d, index, cell, day, SDB_MEMBER_EVENT_KIND_TRANSFER_IN,
                (guint8) rnd (d, 1, G_N_ELEMENTS (districts)));
}

static void
do_leave (Demo *d,
          Day   day)
{
  guint reason = pick_weighted (d, (const guint8[]) { 60, 20, 8, 12 }, 4);
  guint32 member = reason == SDB_LEAVING_REASON_DIED ? pick_member (d, day, 65) : 0;

  if (member == 0)
    member = pick_member (d, day, 0);
  if (member != 0)
    member_depart (d, member - 1, day, SDB_MEMBER_EVENT_KIND_LEFT, (guint8) (reason + 1), 0);
}

static void
do_exempt (Demo *d,
           Day   day)
{
  for (int tries = 0; tries < 20; tries++)
    {
      guint32 member = pick_member (d, day, 62);
      Member *m;

      if (member == 0)
        return;
      m = &d->members[member - 1];
      if (m->exempt_first != DAY_NONE)
        continue;
      m->exempt_first = day;
      m->exemption_reason = (guint8) rnd (d, 0, G_N_ELEMENTS (exemption_reasons) - 1);
      if (chance (d, 300) && day + 730 <= d->end)
        m->exempt_last = day + rnd (d, 200, 730);
      return;
    }
}

static void
run_action (Demo         *d,
            const Action *a)
{
  guint32 member;

  switch ((ActionKind) a->kind)
    {
    case ACTION_SPLIT:
      do_split (d, a->day);
      break;
    case ACTION_MERGE:
      do_close (d, a->day, TRUE);
      break;
    case ACTION_DISSOLVE:
      do_close (d, a->day, FALSE);
      break;
    case ACTION_RENAME:
      do_rename (d, a->day);
      break;
    case ACTION_MEETING:
      hold_meeting (d, a->arg);
      break;
    case ACTION_ADMIT:
      do_admit (d, a->day);
      break;
    case ACTION_TRANSFER_IN:
      do_transfer_in (d, a->day);
      break;
    case ACTION_MOVE:
      member = pick_member (d, a->day, 0);
      if (member != 0)
        {
          guint32 cell = pick_cell (d, d->members[member - 1].cell);

          if (cell != 0)
            member_move (d, member - 1, cell, a->day);
        }
      break;
    case ACTION_TRANSFER_OUT:
      member = pick_member (d, a->day, 0);
      if (member != 0)
        member_depart (d, member - 1, a->day, SDB_MEMBER_EVENT_KIND_TRANSFER_OUT, 0,
                       (guint8) rnd (d, 1, G_N_ELEMENTS (districts)));
      break;
    case ACTION_LEAVE:
      do_leave (d, a->day);
      break;
    case ACTION_EXEMPT:
      do_exempt (d, a->day);
      break;
    default:
      g_assert_not_reached ();
    }
}

static guint8
random_grade (Demo *d,
              int   excellent,
              int   good,
              int   done)
{
  int x = rnd (d, 0, 999);

  if (x < excellent)
    return RATING_EXCELLENT;
  if (x < excellent + good)
    return RATING_GOOD;
  if (x < excellent + good + done)
    return RATING_DONE;
  return RATING_FAILED;
}

/* Within each group, turns excellent grades into good ones until excellent is at most a fifth
 * of good (DOMAIN.md, "Yearly ratings"). @group[i] is the group of @items[i]. */
static void
cap_excellent (guint8        *ratings,
               const guint32 *items,
               const guint32 *group,
               guint          n_items,
               guint          n_groups)
{
  guint *excellent = g_new0 (guint, n_groups);
  guint *good = g_new0 (guint, n_groups);

  for (guint i = 0; i < n_items; i++)
    {
      if (ratings[items[i]] == RATING_EXCELLENT)
        excellent[group[i]]++;
      else if (ratings[items[i]] == RATING_GOOD)
        good[group[i]]++;
    }
  for (guint i = 0; i < n_items; i++)
    {
      guint g = group[i];

      if (ratings[items[i]] == RATING_EXCELLENT && excellent[g] * 5 > good[g])
        {
          ratings[items[i]] = RATING_GOOD;
          excellent[g]--;
          good[g]++;
        }
    }
  g_free (excellent);
  g_free (good);
}

static void
rate_year (Demo *d,
           int   year)
{
  guint y = (guint) (year - d->options->first_year);
  Day last = day_from_civil (year, 12, 31);
  Day half = day_from_civil (year, 7, 1);
  guint n_orgs = d->orgs->len;
  guint8 *members = g_malloc0 (d->options->members);
  guint8 *orgs = g_malloc0 (n_orgs);
  guint32 *items = g_new (guint32, MAX (d->active->len, n_orgs));
  guint32 *group = g_new (guint32, MAX (d->active->len, n_orgs));
  guint *tccs_members = g_new0 (guint, n_orgs + 1);
  guint n = 0;

  /* Members: not rated within 6 months of admission, nor while exempt. */
  for (guint i = 0; i < d->active->len; i++)
    {
      guint32 index = g_array_index (d->active, guint32, i);
      const Member *m = &d->members[index];

      if (m->admission >= half)
        members[index] = RATING_RECENTLY_ADMITTED;
      else if (m->exempt_first != DAY_NONE && m->exempt_first <= last
               && (m->exempt_last == DAY_NONE || m->exempt_last >= last))
        members[index] = RATING_EXEMPT;
      else
        members[index] = random_grade (d, 120, 750, 110);
      items[i] = index;
      group[i] = org_get (d, m->cell)->tccs;
      tccs_members[group[i]]++;
    }
  cap_excellent (members, items, group, d->active->len, n_orgs + 1);
  d->member_ratings[y] = members;

  /* Organizations: not rated within 6 months of founding. The cap holds within each TCCS,
   * among the TCCS, and over all. */
  for (guint i = 0; i < n_orgs; i++)
    {
      const Org *o = &g_array_index (d->orgs, Org, i);

      if (!org_exists_on (o, last))
        continue;
      orgs[i] = o->founded >= half ? RATING_RECENTLY_FOUNDED : random_grade (d, 150, 700, 130);
      items[n] = i;
      /* A TCCS's own rating is not among those of its subordinates (the rule compares the
       * subordinates only): the TCCS go in group 0, capped among themselves below. */
      group[n] = o->tccs != 0 && o->tccs != i + 1 ? o->tccs : 0;
      n++;
    }
  cap_excellent (orgs, items, group, n, n_orgs + 1);
  for (guint i = 0; i < n; i++)
    group[i] = g_array_index (d->orgs, Org, items[i]).tccs == items[i] + 1 ? 1 : 0;
  cap_excellent (orgs, items, group, n, 2);
  memset (group, 0, n * sizeof (guint32));
  cap_excellent (orgs, items, group, n, 1);
  d->org_ratings[y] = orgs;
  d->org_ratings_len[y] = n_orgs;

  /* Targets for some TCCS, about what their size lets them admit. */
  {
    guint n_tccs = 0;

    for (guint i = 0; i < n; i++)
      if (g_array_index (d->orgs, Org, items[i]).tccs == items[i] + 1)
        items[n_tccs++] = items[i];
    for (guint i = 0, count = MIN (n_tccs, 1 + n_tccs / 6); i < count; i++)
      {
        guint j = (guint) rnd (d, (int) i, (int) n_tccs - 1);
        guint32 tmp = items[i];
        Target t = { year, year, 0, 0 };

        items[i] = items[j];
        items[j] = tmp;
        t.org = items[i] + 1;
        t.number = MAX (1, (tccs_members[t.org] * 32 + 500) / 1000);
        g_array_append_val (d->targets, t);
      }
  }

  g_free (items);
  g_free (group);
  g_free (tccs_members);
}

static void
simulate_year (Demo *d,
               int   year)
{
  guint y = (guint) (year - d->options->first_year);
  guint population = d->active->len;
  guint cells = d->active_cells->len;
  g_autoptr(GArray) actions = g_array_new (FALSE, FALSE, sizeof (Action));

  add_actions (d, actions, year, scaled (d, cells, 12, 300), ACTION_SPLIT);
  add_actions (d, actions, year, scaled (d, cells, 8, 200), ACTION_MERGE);
  add_actions (d, actions, year, scaled (d, cells, 3, 100), ACTION_DISSOLVE);
  add_actions (d, actions, year, scaled (d, d->orgs->len, 10, 300), ACTION_RENAME);
  plan_meetings (d, year, actions);
  add_actions (d, actions, year, d->admissions[y], ACTION_ADMIT);
  add_actions (d, actions, year, d->transfers[y], ACTION_TRANSFER_IN);
  add_actions (d, actions, year, scaled (d, population, 20, 300), ACTION_MOVE);
  add_actions (d, actions, year, scaled (d, population, 10, 300), ACTION_TRANSFER_OUT);
  add_actions (d, actions, year, scaled (d, population, 11, 300), ACTION_LEAVE);
  add_actions (d, actions, year, scaled (d, population, 3, 300), ACTION_EXEMPT);

  for (guint i = 0; i < actions->len; i++)
    g_array_index (actions, Action, i).seq = i;
  g_array_sort (actions, compare_actions);
  for (guint i = 0; i < actions->len; i++)
    run_action (d, &g_array_index (actions, Action, i));

  rate_year (d, year);
}

/* How many join each year: about 3.2% of the first membership admitted and 0.8% transferred
 * in, varying from year to year, all adding up to the members asked for. */
static guint
plan_years (Demo *d)
{
  guint n = d->options->members;
  guint initial = (guint) ((guint64) n * 1000 / (1000 + 40 * d->n_years));
  guint joining = n - initial;
  guint *weights = g_new (guint, 2 * d->n_years);
  guint64 total = 0, sum = 0;
  guint given = 0;

  initial = MAX (initial, MIN (n, 1));
  joining = n - initial;
  for (guint y = 0; y < d->n_years; y++)
    {
      weights[2 * y] = (guint) rnd (d, 680, 920);
      weights[2 * y + 1] = (guint) rnd (d, 170, 230);
      total += weights[2 * y] + weights[2 * y + 1];
    }
  for (guint i = 0; i < 2 * d->n_years; i++)
    {
      guint upto;

      sum += weights[i];
      upto = (guint) (joining * sum / total);
      if (i % 2 == 0)
        d->admissions[i / 2] = upto - given;
      else
        d->transfers[i / 2] = upto - given;
      given = upto;
    }
  g_free (weights);
  return initial;
}

/* Terms are five years long and end in years divisible by five; a boundary year belongs to
 * the term that starts in it (DOMAIN.md, "Admission targets"). */
static void
plan_targets (Demo *d)
{
  int first_year = d->options->first_year;
  guint average = 0;

  for (guint y = 0; y < d->n_years; y++)
    average += d->admissions[y];
  average = (average + d->n_years / 2) / d->n_years;

  for (guint y = 0; y < d->n_years; y++)
    {
      Target t = { first_year + (int) y, first_year + (int) y, 0, 0 };

      t.number = (guint) (((guint64) d->admissions[y] * (guint) rnd (d, 900, 1100) + 500)
                          / 1000);
      g_array_append_val (d->targets, t);
    }
  /* The table stops at 2100: a term that would end later is left out. */
  for (int start = first_year - ((first_year % 5) + 5) % 5;
       start <= d->options->last_year && start + 5 <= SDB_DATE_YEAR_MAX; start += 5)
    {
      Target t = { start, start + 5, 0, 0 };
      guint64 planned = 0;

      for (int year = start; year < start + 5; year++)
        planned += (year >= first_year && year <= d->options->last_year)
                   ? d->admissions[year - first_year] : average;
      t.number = (guint) ((planned * (guint) rnd (d, 950, 1050) + 500) / 1000);
      g_array_append_val (d->targets, t);
    }
}

static void
simulate (Demo *d)
{
  guint initial;
  guint cells;

  d->commune_step = 7919;
  d->next_commune = (guint) rnd (d, 0, N_COMMUNES - 1);
  initial = plan_years (d);
  cells = MAX (6, initial / 32);
  build_tree (d, cells);
  populate (d, initial);
  plan_targets (d);
  for (int year = d->options->first_year; year <= d->options->last_year; year++)
    simulate_year (d, year);
}

/* Writing ----------------------------------------------------------------------------------- */

static gboolean
step (Demo     *d,
      SdbStmt  *stmt,
      GError  **error)
{
  gboolean ok = sdb_database_step_done (d->db, stmt, error);

  sqlite3_reset (stmt);
  return ok;
}

static void
bind_day (SdbStmt *stmt,
          int      index,
          Day      day)
{
  char buf[11];

  if (day == DAY_NONE)
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  format_day (day, buf);
  sqlite3_bind_text (stmt, index, buf, 10, SQLITE_TRANSIENT);
}

static void
bind_static (SdbStmt    *stmt,
             int         index,
             const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static void
bind_code (SdbStmt *stmt,
           int      index,
           GType    type,
           int      value)
{
  sdb_stmt_bind_enum (stmt, index, type, value);
}

/* Rows are written many to a statement: for these small rows SQLite's cost per statement is
 * larger than its cost per row. A batch keeps the values of its pending rows and binds them
 * all when it is full. Its INSERT OR FAIL needs no statement journal (a copy of every page the
 * statement touches), where the default ABORT would; a failure rolls everything back anyway. */
#define BATCH_ROWS 64

typedef enum
{
  VALUE_NULL,
  VALUE_INT,
  VALUE_TEXT,   /* borrowed: lives until the batch is written */
  VALUE_OWNED,  /* freed once written */
  VALUE_DAY,
  VALUE_BLOB,   /* borrowed, @number bytes long */
} ValueType;

typedef struct
{
  ValueType  type;
  gint64     number;
  const char *text;
} Value;

typedef struct
{
  Demo       *d;
  const char *head;      /* "INSERT INTO t (a, b) VALUES " */
  const char *row;       /* "(?1, ?2)": parameters numbered within the row */
  guint       n_params;
  guint       n_rows;
  GArray     *values;    /* Value */
  SdbStmt    *full;      /* for BATCH_ROWS rows */
} Batch;

static char *
batch_sql (const Batch *b,
           guint        n_rows)
{
  GString *s = g_string_new (b->head);

  for (guint r = 0; r < n_rows; r++)
    {
      if (r > 0)
        g_string_append (s, ", ");
      for (const char *p = b->row; *p != '\0'; p++)
        {
          char *end;
          guint64 n;

          if (*p != '?' || !g_ascii_isdigit (p[1]))
            {
              g_string_append_c (s, *p);
              continue;
            }
          n = g_ascii_strtoull (p + 1, &end, 10);
          g_string_append_printf (s, "?%u", (guint) (r * b->n_params + n));
          p = end - 1;
        }
    }
  return g_string_free (s, FALSE);
}

static void
batch_init (Batch      *b,
            Demo       *d,
            const char *head,
            const char *row,
            guint       n_params)
{
  *b = (Batch) { d, head, row, n_params, 0, g_array_new (FALSE, FALSE, sizeof (Value)), NULL };
}

static void
batch_clear (Batch *b)
{
  for (guint i = 0; b->values != NULL && i < b->values->len; i++)
    {
      Value *v = &g_array_index (b->values, Value, i);

      if (v->type == VALUE_OWNED)
        g_free ((char *) v->text);
    }
  g_clear_pointer (&b->values, g_array_unref);
}

static gboolean
batch_flush (Batch   *b,
             GError **error)
{
  SdbStmt *stmt;
  gboolean ok;

  if (b->n_rows == 0)
    return TRUE;
  if (b->n_rows == BATCH_ROWS && b->full != NULL)
    stmt = b->full;
  else
    {
      g_autofree char *sql = batch_sql (b, b->n_rows);

      stmt = sdb_database_prepare (b->d->db, sql, error);
      if (stmt == NULL)
        return FALSE;
      if (b->n_rows == BATCH_ROWS)
        b->full = stmt;
    }

  for (guint i = 0; i < b->values->len; i++)
    {
      Value *v = &g_array_index (b->values, Value, i);
      char buf[11];

      switch (v->type)
        {
        case VALUE_INT:
          sqlite3_bind_int64 (stmt, (int) i + 1, v->number);
          break;
        case VALUE_TEXT:
        case VALUE_OWNED:
          sqlite3_bind_text (stmt, (int) i + 1, v->text, -1, SQLITE_STATIC);
          break;
        case VALUE_BLOB:
          sqlite3_bind_blob (stmt, (int) i + 1, v->text, (int) v->number, SQLITE_STATIC);
          break;
        case VALUE_DAY:
          format_day ((Day) v->number, buf);
          sqlite3_bind_text (stmt, (int) i + 1, buf, 10, SQLITE_TRANSIENT);
          break;
        case VALUE_NULL:
        default:
          sqlite3_bind_null (stmt, (int) i + 1);
          break;
        }
    }
  ok = step (b->d, stmt, error);
  sqlite3_clear_bindings (stmt);

  for (guint i = 0; i < b->values->len; i++)
    {
      Value *v = &g_array_index (b->values, Value, i);

      if (v->type == VALUE_OWNED)
        g_free ((char *) v->text);
    }
  g_array_set_size (b->values, 0);
  b->n_rows = 0;
  return ok;
}

static void
batch_add (Batch     *b,
           ValueType  type,
           gint64     number,
           const char *text)
{
  Value v = { type, number, text };

  g_array_append_val (b->values, v);
}

static void
batch_null (Batch *b)
{
  batch_add (b, VALUE_NULL, 0, NULL);
}

static void
batch_int (Batch  *b,
           gint64  number)
{
  batch_add (b, VALUE_INT, number, NULL);
}

/* An id of 0 is written as NULL. */
static void
batch_id (Batch  *b,
          gint64  id)
{
  batch_add (b, id != 0 ? VALUE_INT : VALUE_NULL, id, NULL);
}

/* @text must live until the batch is written; NULL is written as NULL. */
static void
batch_text (Batch      *b,
            const char *text)
{
  batch_add (b, text != NULL ? VALUE_TEXT : VALUE_NULL, 0, text);
}

static void
batch_take_text (Batch *b,
                 char  *text)
{
  batch_add (b, VALUE_OWNED, 0, text);
}

static void
batch_blob (Batch  *b,
            GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  batch_add (b, VALUE_BLOB, (gint64) size, data);
}

static void
batch_day (Batch *b,
           Day    day)
{
  batch_add (b, day != DAY_NONE ? VALUE_DAY : VALUE_NULL, day, NULL);
}

static void
batch_code (Batch *b,
            GType  type,
            int    value)
{
  batch_text (b, sdb_enum_to_code (type, value));
}

static gboolean
batch_end_row (Batch   *b,
               GError **error)
{
  g_assert (b->values->len == (b->n_rows + 1) * b->n_params);
  if (++b->n_rows < BATCH_ROWS)
    return TRUE;
  return batch_flush (b, error);
}

static gboolean
write_sectors (Demo    *d,
               GError **error)
{
  g_autoptr(SdbStmt) count = sdb_database_prepare (d->db, "SELECT count(*) FROM sector", error);
  g_autoptr(SdbStmt) read = NULL;
  gint64 first = 0;
  int rc;

  if (count == NULL || sdb_database_step (d->db, count, error) != SQLITE_ROW)
    return FALSE;
  if (sdb_stmt_get_int (count, 0) == 0 && !sdb_sector_insert_defaults (d->db, error))
    return FALSE;

  /* A committee that keeps its own sectors has them used where the names match, and its
   * first sector elsewhere. */
  read = sdb_database_prepare (d->db, "SELECT id, name FROM sector ORDER BY position, id",
                               error);
  if (read == NULL)
    return FALSE;
  while ((rc = sdb_database_step (d->db, read, error)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (read, 1);
      gint64 id = sdb_stmt_get_int (read, 0);

      if (first == 0)
        first = id;
      for (guint i = 0; i < N_SECTORS; i++)
        if (d->sector_ids[i] == 0 && g_strcmp0 (name, sector_names[i]) == 0)
          d->sector_ids[i] = id;
    }
  if (rc == 0)
    return FALSE;
  for (guint i = 0; i < N_SECTORS; i++)
    if (d->sector_ids[i] == 0)
      d->sector_ids[i] = first;
  return TRUE;
}

static gboolean
write_organizations (Demo    *d,
                     GError **error)
{
  g_autoptr(SdbStmt) insert = NULL;
  g_autoptr(SdbStmt) event = NULL;

  insert = sdb_database_prepare (d->db,
                                 "INSERT OR FAIL INTO organization (id, code, name, name_key,"
                                 "  search_key, kind, parent_id, sector_id, founded, dissolved)"
                                 " VALUES (?1, ?2, ?3, sdb_sort_key (?3), sdb_search_key (?3),"
                                 "  ?4, ?5, ?6, ?7, ?8)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < d->orgs->len; i++)
    {
      const Org *o = &g_array_index (d->orgs, Org, i);
      char code[16];

      g_snprintf (code, sizeof code, "TC%03u", i + 1);
      sqlite3_bind_int64 (insert, 1, i + 1);
      sqlite3_bind_text (insert, 2, code, -1, SQLITE_TRANSIENT);
      bind_static (insert, 3, o->name);
      bind_code (insert, 4, SDB_TYPE_ORGANIZATION_KIND, o->kind);
      sdb_stmt_bind_id (insert, 5, o->parent);
      sdb_stmt_bind_id (insert, 6, d->sector_ids[o->sector]);
      bind_day (insert, 7, o->founded);
      bind_day (insert, 8, o->dissolved);
      if (!step (d, insert, error))
        return FALSE;
    }

  event = sdb_database_prepare (d->db,
                                "INSERT OR FAIL INTO organization_event (organization_id, date,"
                                "  kind, old_name, name, target_id)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                error);
  if (event == NULL)
    return FALSE;
  for (guint i = 0; i < d->org_events->len; i++)
    {
      const OrgEvent *e = &g_array_index (d->org_events, OrgEvent, i);

      sqlite3_bind_int64 (event, 1, e->org);
      bind_day (event, 2, e->day);
      bind_code (event, 3, SDB_TYPE_ORGANIZATION_EVENT_KIND, e->kind);
      bind_static (event, 4, e->old_name);
      bind_static (event, 5, e->name);
      sdb_stmt_bind_id (event, 6, e->target);
      if (!step (d, event, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const MemberEvent *x = a, *y = b;

  if (x->member != y->member)
    return x->member < y->member ? -1 : 1;
  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The first round (3/2, 19/5, 2/9, 7/11) on or after @day. */
static Day
badge_round (Day day)
{
  int y, m, dd;

  civil_from_day (day, &y, &m, &dd);
  for (;; y++)
    for (guint i = 0; i < G_N_ELEMENTS (badge_rounds); i++)
      {
        Day round = day_from_civil (y, badge_rounds[i][0], badge_rounds[i][1]);

        if (round >= day)
          return round;
      }
}

static gboolean
member_present_on (const MemberEvent *events,
                   guint              n,
                   Day                day)
{
  gboolean present = FALSE;

  for (guint i = 0; i < n && events[i].day <= day; i++)
    present = events[i].org != 0;
  return present;
}

/* The sort and search keys of a person's name, made by the SQL functions that make every stored
 * key. Names repeat (some 20.000 different ones among 200.000 members), and ICU's keys are the
 * dearest part of a member row, so each name is keyed once. */
typedef struct
{
  GBytes *name_key;
  char   *search_key;
} NameKeys;

static void
name_keys_free (gpointer data)
{
  NameKeys *keys = data;

  g_bytes_unref (keys->name_key);
  g_free (keys->search_key);
  g_free (keys);
}

static const NameKeys *
lookup_name_keys (Demo        *d,
                  GHashTable  *cache,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(SdbStmt) stmt = NULL;
  NameKeys *keys = g_hash_table_lookup (cache, name);

  if (keys != NULL)
    return keys;
  stmt = sdb_database_prepare (d->db, "SELECT sdb_name_key (?1), sdb_search_key (?1)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sdb_database_step (d->db, stmt, error) != SQLITE_ROW)
    return NULL;
  keys = g_new0 (NameKeys, 1);
  keys->name_key = g_bytes_new (sqlite3_column_blob (stmt, 0),
                                (gsize) sqlite3_column_bytes (stmt, 0));
  keys->search_key = sdb_stmt_dup_text (stmt, 1);
  g_hash_table_insert (cache, g_strdup (name), keys);
  return keys;
}

static gboolean
write_member_rows (Demo    *d,
                   GError **error)
{
  g_autoptr(GHashTable) keys_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            name_keys_free);
  g_autoptr(GString) hometown = g_string_sized_new (96);
  Batch members;
  gboolean ok = TRUE;

  batch_init (&members,
              d, "INSERT OR FAIL INTO member (id, code, full_name, name_key, search_key, gender,"
                 " birth_date, ethnicity, religion, hometown, card_number, position,"
                 " admission_date, official_date, organization_id) VALUES ",
              "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", 15);

  for (guint i = 0; ok && i < d->n_members; i++)
    {
      const Member *m = &d->members[i];
      const NameKeys *keys;
      char name[128];

      g_snprintf (name, sizeof name, "%s %s %s", m->family, m->middle, m->given);
      keys = lookup_name_keys (d, keys_cache, name, error);
      if (keys == NULL)
        {
          ok = FALSE;
          break;
        }
      g_string_truncate (hometown, 0);
      g_string_append (hometown, "xã ");
      append_commune (hometown, m->hometown_commune);
      g_string_append_printf (hometown, ", huyện %s, tỉnh %s", districts[m->hometown_district][0],
                              districts[m->hometown_district][1]);

      batch_int (&members, i + 1);
      batch_take_text (&members, g_strdup_printf ("DV%06u", i + 1));
      batch_take_text (&members, g_strdup (name));
      batch_blob (&members, keys->name_key);
      batch_text (&members, keys->search_key);
      batch_code (&members, SDB_TYPE_GENDER, m->gender);
      batch_day (&members, m->birth);
      batch_text (&members, ethnic_names[m->ethnic]);
      batch_text (&members, m->religion == 0 ? "Không" : religions[m->religion - 1]);
      batch_take_text (&members, g_strndup (hometown->str, hometown->len));
      /* Cards are given to official members; the multiplier spreads the numbers without
       * repeating one (it is prime to the modulus). */
      if (m->official != DAY_NONE)
        batch_take_text (&members,
                         g_strdup_printf ("%08u", (guint) (10000000 + ((guint64) (i + 1) * 7919)
                                                                      % 90000000)));
      else
        batch_text (&members, "");
      batch_text (&members, m->position);
      batch_day (&members, m->admission);
      batch_day (&members, m->official);
      batch_id (&members, m->cell);
      ok = batch_end_row (&members, error);
    }
  /* The cached keys are borrowed by the pending rows: written before the cache goes. */
  ok = ok && batch_flush (&members, error);
  batch_clear (&members);
  return ok;
}

/* Each member's events, exemption and badges, after every member row. */
static gboolean
write_member_history (Demo    *d,
                      GError **error)
{
  Batch events, exemptions, badges;
  gboolean ok = TRUE;
  guint e = 0;

  batch_init (&events,
              d, "INSERT OR FAIL INTO member_event (member_id, date, kind, organization_id,"
                 " reason, place) VALUES ",
              "(?1, ?2, ?3, ?4, ?5, ?6)", 6);
  batch_init (&exemptions,
              d, "INSERT OR FAIL INTO member_exemption (member_id, first_date, last_date,"
                 " reason) VALUES ",
              "(?1, ?2, ?3, ?4)", 4);
  batch_init (&badges, d, "INSERT OR FAIL INTO badge (member_id, years, date) VALUES ",
              "(?1, ?2, ?3)", 3);

  g_array_sort (d->events, compare_events);

  for (guint i = 0; ok && i < d->n_members; i++)
    {
      const Member *m = &d->members[i];
      const MemberEvent *first = &g_array_index (d->events, MemberEvent, e);
      guint n_events = 0;

      while (e + n_events < d->events->len && first[n_events].member == i)
        n_events++;

      for (guint j = 0; ok && j < n_events; j++)
        {
          const MemberEvent *ev = &first[j];

          batch_int (&events, i + 1);
          batch_day (&events, ev->day);
          batch_code (&events, SDB_TYPE_MEMBER_EVENT_KIND, ev->kind);
          batch_id (&events, ev->org);
          batch_text (&events, ev->reason != 0 ? leaving_codes[ev->reason - 1] : NULL);
          if (ev->place != 0)
            batch_take_text (&events, g_strdup_printf ("Đảng bộ huyện %s, tỉnh %s",
                                                       districts[ev->place - 1][0],
                                                       districts[ev->place - 1][1]));
          else
            batch_text (&events, "");
          ok = batch_end_row (&events, error);
        }

      if (ok && m->exempt_first != DAY_NONE)
        {
          batch_int (&exemptions, i + 1);
          batch_day (&exemptions, m->exempt_first);
          batch_day (&exemptions, m->exempt_last);
          batch_text (&exemptions, exemption_reasons[m->exemption_reason]);
          ok = batch_end_row (&exemptions, error);
        }

      /* Badges of the rounds within the years, for those in the committee on that day. */
      for (guint s = 0; ok && s < G_N_ELEMENTS (badge_steps); s++)
        {
          Day round = badge_round (add_months (m->admission, 12 * badge_steps[s]));

          if (round > d->end)
            break;
          if (round < d->start || !member_present_on (first, n_events, round))
            continue;
          batch_int (&badges, i + 1);
          batch_int (&badges, badge_steps[s]);
          batch_day (&badges, round);
          ok = batch_end_row (&badges, error);
        }
      e += n_events;
    }
  ok = ok && batch_flush (&events, error) && batch_flush (&exemptions, error)
       && batch_flush (&badges, error);
  batch_clear (&events);
  batch_clear (&exemptions);
  batch_clear (&badges);
  return ok;
}

static void
batch_rating (Demo  *d,
              Batch *b,
              int    year,
              guint8 rating)
{
  /* Scores follow the 100-point scale of Quy định 366-QĐ/TW, in force from 2025. */
  static const int ranges[][2] = { { 0, 0 }, { 90, 100 }, { 70, 89 }, { 50, 69 }, { 20, 49 } };
  gboolean graded = rating <= RATING_FAILED;

  batch_int (b, year);
  batch_text (b, graded ? rating_codes[rating] : NULL);
  batch_text (b, graded ? NULL : rating_codes[rating]);
  if (year >= 2025 && graded)
    batch_int (b, rnd (d, ranges[rating][0], ranges[rating][1]));
  else
    batch_null (b);
}

static gboolean
write_ratings (Demo    *d,
               GError **error)
{
  Batch members, orgs;
  gboolean ok = TRUE;

  batch_init (&orgs, d, "INSERT OR FAIL INTO organization_rating (organization_id, year, grade,"
                        " not_rated_reason, score) VALUES ", "(?1, ?2, ?3, ?4, ?5)", 5);
  batch_init (&members, d, "INSERT OR FAIL INTO member_rating (member_id, year, grade,"
                           " not_rated_reason, score) VALUES ", "(?1, ?2, ?3, ?4, ?5)", 5);

  for (guint i = 0; ok && i < d->orgs->len; i++)
    for (guint y = 0; ok && y < d->n_years; y++)
      {
        guint8 rating = i < d->org_ratings_len[y] ? d->org_ratings[y][i] : RATING_NONE;

        if (rating == RATING_NONE)
          continue;
        batch_int (&orgs, i + 1);
        batch_rating (d, &orgs, d->options->first_year + (int) y, rating);
        ok = batch_end_row (&orgs, error);
      }

  for (guint i = 0; ok && i < d->n_members; i++)
    for (guint y = 0; ok && y < d->n_years; y++)
      {
        guint8 rating = d->member_ratings[y][i];

        if (rating == RATING_NONE)
          continue;
        batch_int (&members, i + 1);
        batch_rating (d, &members, d->options->first_year + (int) y, rating);
        ok = batch_end_row (&members, error);
      }
  ok = ok && batch_flush (&orgs, error) && batch_flush (&members, error);
  batch_clear (&orgs);
  batch_clear (&members);
  return ok;
}

static gboolean
write_terms_and_targets (Demo    *d,
                         GError **error)
{
  g_autoptr(SdbStmt) read = NULL;
  g_autoptr(SdbStmt) term = NULL;
  g_autoptr(SdbStmt) target = NULL;
  g_autoptr(GArray) existing = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  read = sdb_database_prepare (d->db, "SELECT first_year, last_year FROM term", error);
  term = sdb_database_prepare (d->db,
                               "INSERT INTO term (first_year, last_year) VALUES (?1, ?2)"
                               " ON CONFLICT DO NOTHING", error);
  target = sdb_database_prepare (d->db,
                                 "INSERT INTO admission_target (first_year, last_year,"
                                 "  organization_id, number) VALUES (?1, ?2, ?3, ?4)"
                                 " ON CONFLICT DO NOTHING", error);
  if (read == NULL || term == NULL || target == NULL)
    return FALSE;
  while ((rc = sdb_database_step (d->db, read, error)) == SQLITE_ROW)
    {
      int years[2] = { (int) sdb_stmt_get_int (read, 0), (int) sdb_stmt_get_int (read, 1) };

      g_array_append_vals (existing, years, 2);
    }
  if (rc == 0)
    return FALSE;

  for (guint i = 0; i < d->targets->len; i++)
    {
      const Target *t = &g_array_index (d->targets, Target, i);

      if (t->org == 0 && t->last_year > t->first_year)
        {
          gboolean overlaps = FALSE;

          /* A term the committee entered itself wins over an invented one. */
          for (guint j = 0; j + 1 < existing->len; j += 2)
            if (t->first_year < g_array_index (existing, int, j + 1)
                && g_array_index (existing, int, j) < t->last_year)
              overlaps = TRUE;
          if (!overlaps)
            {
              sqlite3_bind_int (term, 1, t->first_year);
              sqlite3_bind_int (term, 2, t->last_year);
              if (!step (d, term, error))
                return FALSE;
            }
        }
      sqlite3_bind_int (target, 1, t->first_year);
      sqlite3_bind_int (target, 2, t->last_year);
      sdb_stmt_bind_id (target, 3, t->org);
      sqlite3_bind_int64 (target, 4, t->number);
      if (!step (d, target, error))
        return FALSE;
    }
  return TRUE;
}

static char *
member_full_name (const Member *m)
{
  return g_strdup_printf ("%s %s %s", m->family, m->middle, m->given);
}

static void
meeting_texts (Demo          *d,
               const Meeting *m,
               char         **content,
               char         **conclusions)
{
  int year = year_of (m->day);
  int y, month, day;

  civil_from_day (m->day, &y, &month, &day);
  switch (m->kind)
    {
    case SDB_MEETING_KIND_EXECUTIVE:
      *content = g_strdup_printf ("Đánh giá kết quả thực hiện nhiệm vụ quý %d năm %d; "
                                  "triển khai nhiệm vụ quý tiếp theo.", (month - 1) / 3 + 1,
                                  year);
      *conclusions = g_strdup ("Thống nhất đánh giá kết quả đạt được; giao Ban Thường vụ chỉ "
                               "đạo thực hiện các nhiệm vụ trọng tâm.");
      break;
    case SDB_MEETING_KIND_STANDING:
      *content = g_strdup ("Cho ý kiến về công tác cán bộ, công tác kết nạp đảng viên và "
                           "chương trình công tác tháng.");
      *conclusions = g_strdup ("Đồng ý kết nạp các quần chúng đủ điều kiện; giao Ban Tổ chức "
                               "hoàn thiện hồ sơ.");
      break;
    case SDB_MEETING_KIND_STANDING_MEMBERS:
      *content = g_strdup ("Thường trực giao ban, cho ý kiến về chương trình công tác tháng.");
      *conclusions = g_strdup ("Thống nhất chương trình công tác tháng.");
      break;
    case SDB_MEETING_KIND_YEAR_END:
      *content = g_strdup_printf ("Tổng kết công tác xây dựng Đảng năm %d; đánh giá, xếp loại "
                                  "chất lượng tổ chức đảng và đảng viên; phương hướng, nhiệm "
                                  "vụ năm %d.", year, year + 1);
      *conclusions = g_strdup_printf ("Thống nhất kết quả đánh giá, xếp loại năm %d; khen "
                                      "thưởng các tập thể, cá nhân có thành tích xuất sắc.",
                                      year);
      break;
    case SDB_MEETING_KIND_MID_TERM:
      *content = g_strdup_printf ("Sơ kết công tác 6 tháng đầu năm %d, triển khai nhiệm vụ 6 "
                                  "tháng cuối năm.", year);
      *conclusions = g_strdup ("Tập trung hoàn thành các chỉ tiêu nghị quyết đề ra.");
      break;
    case SDB_MEETING_KIND_THEMATIC:
      *content = g_strdup ("Hội nghị chuyên đề về nâng cao chất lượng sinh hoạt chi bộ.");
      *conclusions = g_strdup ("Các chi bộ xây dựng kế hoạch sinh hoạt chuyên đề hằng quý.");
      break;
    case SDB_MEETING_KIND_DISSEMINATION:
      *content = g_strdup ("Học tập, quán triệt và triển khai thực hiện các nghị quyết, chỉ "
                           "thị, quy định của Đảng.");
      *conclusions = g_strdup ("Các tổ chức đảng xây dựng chương trình hành động thực hiện.");
      break;
    case SDB_MEETING_KIND_OTHER:
    default:
      *content = g_strdup ("Cho ý kiến về các nội dung phát sinh.");
      *conclusions = g_strdup ("Thống nhất các nội dung đã thảo luận.");
      break;
    }
}

static gboolean
write_meetings (Demo    *d,
                GError **error)
{
  g_autoptr(SdbStmt) insert = NULL;
  g_autoptr(SdbStmt) attendee = NULL;
  g_autoptr(SdbStmt) document = NULL;
  g_autofree char *symbol = g_strdup_printf ("BB/%s", d->symbol);
  g_autofree char *place = g_strdup_printf ("Hội trường %s", d->committee_name);
  g_autofree char *chair_position = g_strdup_printf ("Bí thư %s", d->committee_name);

  insert = sdb_database_prepare (d->db,
                                 "INSERT INTO meeting (number, symbol, date, start_time,"
                                 "  end_time, place, kind, chair_name, chair_position, secretary,"
                                 "  content, conclusions, vote_method, vote_result)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
                                 "  ?13, ?14)", error);
  attendee = sdb_database_prepare (d->db,
                                   "INSERT INTO meeting_attendee (meeting_id, seq, attendance,"
                                   "  name, title, reason, member_id)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  document = sdb_database_prepare (d->db,
                                   "INSERT INTO meeting_document (meeting_id, seq, number,"
                                   "  symbol, date, title) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                   error);
  if (insert == NULL || attendee == NULL || document == NULL)
    return FALSE;

  for (guint i = 0; i < d->meetings->len; i++)
    {
      Meeting *m = &g_array_index (d->meetings, Meeting, i);
      gboolean short_one = m->kind == SDB_MEETING_KIND_STANDING
                           || m->kind == SDB_MEETING_KIND_STANDING_MEMBERS;
      g_autofree char *number = g_strdup_printf ("%u", m->number);
      g_autofree char *chair = m->chair ? member_full_name (&d->members[m->chair - 1]) : NULL;
      g_autofree char *secretary = m->secretary
                                   ? member_full_name (&d->members[m->secretary - 1]) : NULL;
      g_autofree char *content = NULL;
      g_autofree char *conclusions = NULL;
      g_autofree char *vote = NULL;
      guint present = 0, total = 0;

      for (guint j = 0; j < m->attendees->len; j++)
        {
          const Attendee *a = &g_array_index (m->attendees, Attendee, j);

          if (a->attendance != SDB_ATTENDANCE_GUEST)
            total++;
          if (a->attendance == SDB_ATTENDANCE_PRESENT)
            present++;
        }
      if (total > 0)
        {
          g_autofree char *percent = sdb_vn_format_percent (present, total, 1);

          vote = g_strdup_printf ("Có mặt %u/%u đồng chí (%s); %u/%u đồng chí có mặt tán thành "
                                  "(100%%)", present, total, percent, present, present);
        }
      meeting_texts (d, m, &content, &conclusions);

      bind_static (insert, 1, number);
      bind_static (insert, 2, symbol);
      bind_day (insert, 3, m->day);
      bind_static (insert, 4, short_one ? "14:00" : "07:30");
      bind_static (insert, 5, short_one ? "17:00" : m->kind == SDB_MEETING_KIND_YEAR_END
                                                   ? "17:00" : "11:30");
      bind_static (insert, 6, place);
      bind_code (insert, 7, SDB_TYPE_MEETING_KIND, m->kind);
      bind_static (insert, 8, chair != NULL ? chair : "");
      bind_static (insert, 9, chair != NULL ? chair_position : "");
      bind_static (insert, 10, secretary != NULL ? secretary : "");
      bind_static (insert, 11, content);
      bind_static (insert, 12, conclusions);
      bind_static (insert, 13, vote != NULL ? "Biểu quyết giơ tay" : "");
      bind_static (insert, 14, vote != NULL ? vote : "");
      if (!step (d, insert, error))
        return FALSE;
      m->id = sdb_database_last_insert_id (d->db);

      for (guint j = 0; j < m->attendees->len; j++)
        {
          const Attendee *a = &g_array_index (m->attendees, Attendee, j);
          g_autofree char *name = a->member ? member_full_name (&d->members[a->member - 1])
                                            : NULL;

          sqlite3_bind_int64 (attendee, 1, m->id);
          sqlite3_bind_int (attendee, 2, (int) j + 1);
          bind_code (attendee, 3, SDB_TYPE_ATTENDANCE, a->attendance);
          bind_static (attendee, 4, name != NULL ? name : a->name);
          bind_static (attendee, 5, a->title);
          bind_static (attendee, 6, a->reason ? absence_reasons[a->reason - 1] : "");
          sdb_stmt_bind_id (attendee, 7, a->member);
          if (!step (d, attendee, error))
            return FALSE;
        }
      for (guint j = 0; j < m->documents->len; j++)
        {
          const Document *doc = &g_array_index (m->documents, Document, j);
          g_autofree char *doc_number = g_strdup_printf ("%u", doc->number);

          sqlite3_bind_int64 (document, 1, m->id);
          sqlite3_bind_int (document, 2, (int) j + 1);
          bind_static (document, 3, doc_number);
          bind_static (document, 4, documents[doc->kind].symbol);
          bind_day (document, 5, doc->day);
          bind_static (document, 6, documents[doc->kind].title);
          if (!step (d, document, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_awards (Demo    *d,
              GError **error)
{
  static const char *const forms[] = { "Giấy khen", "Bằng khen", "Cờ thi đua" };
  g_autoptr(SdbStmt) insert = NULL;

  insert = sdb_database_prepare (d->db,
                                 "INSERT INTO award (year, organization_id, member_id, form,"
                                 "  reason, meeting_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < d->awards->len; i++)
    {
      const Award *a = &g_array_index (d->awards, Award, i);
      char reason[256];

      switch (a->reason)
        {
        case 0:
          g_snprintf (reason, sizeof reason,
                      "Có thành tích xuất sắc trong công tác xây dựng Đảng năm %d", a->year);
          break;
        case 1:
          g_snprintf (reason, sizeof reason, "Hoàn thành xuất sắc nhiệm vụ năm %d", a->year);
          break;
        case 2:
          g_snprintf (reason, sizeof reason, "Đảng viên có thành tích xuất sắc năm %d", a->year);
          break;
        default:
          g_snprintf (reason, sizeof reason,
                      "Có thành tích trong học tập và làm theo tư tưởng, đạo đức, phong cách "
                      "Hồ Chí Minh năm %d", a->year);
          break;
        }
      sqlite3_bind_int (insert, 1, a->year);
      sdb_stmt_bind_id (insert, 2, a->org);
      sdb_stmt_bind_id (insert, 3, a->member);
      bind_static (insert, 4, forms[a->form]);
      sqlite3_bind_text (insert, 5, reason, -1, SQLITE_STATIC);
      sdb_stmt_bind_id (insert, 6, a->meeting >= 0
                                   ? g_array_index (d->meetings, Meeting, a->meeting).id : 0);
      if (!step (d, insert, error))
        return FALSE;
    }
  return TRUE;
}

/* The public functions ---------------------------------------------------------------------- */

/**
 * sdb_demo_options_init:
 *
 * The defaults of `sodangbo-cli demo`: 4.000 members over 2016–2025, seed 1.
 */
void
sdb_demo_options_init (SdbDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->members = 4000;
  options->first_year = 2016;
  options->last_year = 2025;
  options->seed = 1;
}

static gboolean
validate_options (const SdbDemoOptions  *options,
                  GError               **error)
{
  g_autoptr(GPtrArray) problems = sdb_problems_new ();

  if (options->members < 1 || options->members > SDB_DEMO_MEMBERS_MAX)
    {
      g_autofree char *most = sdb_vn_format_int (SDB_DEMO_MEMBERS_MAX);

      /* TRANSLATORS: %s is the largest number, formatted ("1.000.000"). */
      sdb_problems_add (problems, "members", SDB_SEVERITY_ERROR,
                        _("Choose a number of members between 1 and %s."), most);
    }
  if (options->first_year < SDB_DEMO_YEAR_MIN || options->first_year > SDB_DEMO_YEAR_MAX)
    sdb_problems_add (problems, "first-year", SDB_SEVERITY_ERROR,
                      _("Choose a first year between %d and %d."), SDB_DEMO_YEAR_MIN,
                      SDB_DEMO_YEAR_MAX);
  if (options->last_year < SDB_DEMO_YEAR_MIN || options->last_year > SDB_DEMO_YEAR_MAX)
    sdb_problems_add (problems, "last-year", SDB_SEVERITY_ERROR,
                      _("Choose a last year between %d and %d."), SDB_DEMO_YEAR_MIN,
                      SDB_DEMO_YEAR_MAX);
  if (options->first_year > options->last_year)
    sdb_problems_add (problems, "first-year", SDB_SEVERITY_ERROR,
                      _("The first year comes after the last year. Swap them, or choose other "
                        "years."));
  if (sdb_problems_has_errors (problems))
    return sdb_database_set_invalid_error (problems, error);
  return TRUE;
}

static gboolean
check_empty (SdbDatabase  *db,
             GError      **error)
{
  g_autoptr(SdbStmt) stmt = NULL;

  stmt = sdb_database_prepare (db,
                               "SELECT EXISTS (SELECT 1 FROM organization)"
                               "    OR EXISTS (SELECT 1 FROM member)", error);
  if (stmt == NULL || sdb_database_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;
  if (sdb_stmt_get_int (stmt, 0) != 0)
    {
      g_set_error_literal (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_INVALID,
                           _("The database already holds organizations or members. Demonstration "
                             "data goes only into a new database: create one with "
                             "“sodangbo-cli init”, then run this again."));
      return FALSE;
    }
  return TRUE;
}

/* A province's rows in one transaction: SQLite is given room to keep the indexes that grow in
 * no particular order (names, dates) in memory, and the foreign keys are checked once at the
 * end rather than row by row, since each checked row also needs a statement journal. Both
 * settings are the connection's, and are put back. */
typedef struct
{
  char     *cache_size;
  gboolean  foreign_keys_off;
} Tuning;

static char *
dup_pragma (SdbDatabase *db,
            const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (sdb_database_get_handle (db), sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
tune_begin (SdbDatabase *db,
            guint        members,
            Tuning      *tuning)
{
  sqlite3 *handle = sdb_database_get_handle (db);
  g_autofree char *foreign_keys = dup_pragma (db, "PRAGMA foreign_keys");
  g_autofree char *sql = NULL;
  /* About 256 bytes a member, between 16 and 256 MiB. */
  guint kib = CLAMP (members / 4, 16 * 1024, 256 * 1024);

  tuning->cache_size = dup_pragma (db, "PRAGMA cache_size");
  sql = g_strdup_printf ("PRAGMA cache_size = -%u", kib);
  sqlite3_exec (handle, sql, NULL, NULL, NULL);
  /* Foreign keys can be switched only outside a transaction: inside a caller's, they stay. */
  if (g_strcmp0 (foreign_keys, "1") == 0 && sqlite3_get_autocommit (handle))
    tuning->foreign_keys_off = sqlite3_exec (handle, "PRAGMA foreign_keys = OFF", NULL, NULL,
                                             NULL) == SQLITE_OK;
}

static void
tune_end (SdbDatabase *db,
          Tuning      *tuning)
{
  sqlite3 *handle = sdb_database_get_handle (db);

  if (tuning->cache_size != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT,
                                              g_ascii_strtoll (tuning->cache_size, NULL, 10));

      sqlite3_exec (handle, sql, NULL, NULL, NULL);
    }
  if (tuning->foreign_keys_off)
    sqlite3_exec (handle, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  g_clear_pointer (&tuning->cache_size, g_free);
}

static gboolean
check_foreign_keys (SdbDatabase  *db,
                    GError      **error)
{
  g_autoptr(SdbStmt) stmt = sdb_database_prepare (db,
                                                  "SELECT count(*) FROM pragma_foreign_key_check",
                                                  error);

  if (stmt == NULL || sdb_database_step (db, stmt, error) != SQLITE_ROW)
    return FALSE;
  if (sdb_stmt_get_int (stmt, 0) != 0)
    {
      g_critical ("The demonstration data breaks %" G_GINT64_FORMAT " foreign keys",
                  sdb_stmt_get_int (stmt, 0));
      g_set_error_literal (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_FAILED,
                           _("The demonstration data could not be written: it does not hold "
                             "together. Nothing was saved."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_all (Demo    *d,
           GError **error)
{
  return check_empty (d->db, error)
         && write_sectors (d, error)
         && write_organizations (d, error)
         && write_member_rows (d, error)
         && write_member_history (d, error)
         && write_terms_and_targets (d, error)
         && write_ratings (d, error)
         && write_meetings (d, error)
         && write_awards (d, error)
         && check_foreign_keys (d->db, error);
}

/**
 * sdb_demo_generate:
 * @db: a database with the committee's profile and no organizations or members yet
 *
 * Fills @db with an invented committee of the profile's level: its organizations, members and
 * their history, terms and admission targets, yearly ratings, meetings, awards and badges, all
 * in one transaction. Nothing depends on the date or the machine: the same @options give the
 * same rows.
 *
 * Returns: %FALSE with @error set (and nothing written) when the options are out of range
 * (%SDB_DATABASE_ERROR_INVALID), the committee has no profile yet (%SDB_DATABASE_ERROR_NOT_FOUND)
 * or already has organizations or members (%SDB_DATABASE_ERROR_INVALID).
 */
gboolean
sdb_demo_generate (SdbDatabase           *db,
                   const SdbDemoOptions  *options,
                   GError               **error)
{
  g_autoptr(SdbProfile) profile = NULL;
  g_autoptr(GError) local_error = NULL;
  Tuning tuning = { 0 };
  Demo d = { 0 };
  gboolean ok;

  g_return_val_if_fail (SDB_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!validate_options (options, error))
    return FALSE;

  profile = sdb_profile_lookup_for_date (db, NULL, &local_error);
  if (profile == NULL)
    {
      if (g_error_matches (local_error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND))
        g_set_error_literal (error, SDB_DATABASE_ERROR, SDB_DATABASE_ERROR_NOT_FOUND,
                             _("The database has no committee yet. Run “sodangbo-cli init” "
                               "first, then generate the demonstration data."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!check_empty (db, error))
    return FALSE;

  d.db = db;
  d.options = options;
  d.rand = g_rand_new_with_seed (options->seed);
  d.level = sdb_profile_get_level (profile);
  d.symbol = g_strdup (sdb_profile_get_symbol (profile));
  d.committee_name = g_strdup (sdb_profile_get_committee_name (profile));
  split_profile_name (&d, sdb_profile_get_name (profile));
  d.start = day_from_civil (options->first_year, 1, 1);
  d.end = day_from_civil (options->last_year, 12, 31);
  d.n_years = (guint) (options->last_year - options->first_year + 1);
  d.orgs = g_array_new (FALSE, FALSE, sizeof (Org));
  d.org_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d.org_events = g_array_new (FALSE, FALSE, sizeof (OrgEvent));
  d.cell_pool = g_array_new (FALSE, FALSE, sizeof (guint32));
  d.active_cells = g_array_new (FALSE, FALSE, sizeof (guint32));
  d.members = g_new0 (Member, options->members);
  d.active = g_array_new (FALSE, FALSE, sizeof (guint32));
  d.events = g_array_sized_new (FALSE, FALSE, sizeof (MemberEvent), options->members * 2);
  d.member_ratings = g_new0 (guint8 *, d.n_years);
  d.org_ratings = g_new0 (guint8 *, d.n_years);
  d.org_ratings_len = g_new0 (guint, d.n_years);
  d.admissions = g_new0 (guint, d.n_years);
  d.transfers = g_new0 (guint, d.n_years);
  d.targets = g_array_new (FALSE, FALSE, sizeof (Target));
  d.meetings = g_array_new (FALSE, FALSE, sizeof (Meeting));
  d.awards = g_array_new (FALSE, FALSE, sizeof (Award));
  d.executive = g_array_new (FALSE, FALSE, sizeof (guint32));

  /* Everything is made before the write lock is taken, so that other readers wait only for
   * the writing. */
  simulate (&d);

  tune_begin (db, options->members, &tuning);
  ok = sdb_database_begin (db, error);
  if (ok)
    {
      gboolean history = sdb_history_get_enabled (db);
      gboolean written;

      /* Hundreds of thousands of generated rows are one change: one entry says what was made. */
      sdb_history_set_enabled (db, FALSE);
      written = write_all (&d, error);
      sdb_history_set_enabled (db, history);
      if (written && history)
        {
          g_autofree char *note = g_strdup_printf ("{\"organizations\":%u,\"members\":%u}",
                                                   d.orgs->len, options->members);

          written = sdb_history_add_note (db, "demo", note, error);
        }
      if (written)
        ok = sdb_database_commit (db, error);
      else
        {
          sdb_database_rollback (db);
          ok = FALSE;
        }
    }
  tune_end (db, &tuning);
  demo_free (&d);

  /* A database that grew from nothing to a province in one go has no statistics yet; a sampled
   * ANALYZE (a fraction of a second) lets the planner choose the member's own indexes. */
  if (ok)
    sqlite3_exec (sdb_database_get_handle (db), "PRAGMA analysis_limit = 400; ANALYZE",
                  NULL, NULL, NULL);
  return ok;
}
