-- SPDX-License-Identifier: GPL-3.0-or-later
-- A small invented committee whose figures were worked out by hand: see EXPECTED.md beside this
-- file, and fixture-*.json for the answers `sodangbo-cli stats --json` must give.
-- Loaded by tests/unit/stats-fixture.c into a database made by the program's own migrations;
-- sort and search keys are computed by the program's SQL functions at the end.
-- It passes `sodangbo-cli check` with no error (tested).

INSERT INTO profile (since, name, committee_name, level, symbol) VALUES
  ('2015-01-01', 'Đảng bộ huyện Minh Tân', 'Huyện ủy Minh Tân', 'district', 'HU'),
  ('2025-07-01', 'Đảng bộ xã Minh Tân', 'Đảng ủy xã Minh Tân', 'commune', 'ĐU');

INSERT INTO term (first_year, last_year) VALUES (2015, 2020), (2020, 2025), (2025, 2030);

-- id, code, name, kind, parent, founded, dissolved: the present state. The events below give
-- the past: DB01-04 merged into DB01-02 and CB03 dissolved during 2024, DB01-03 and CB04
-- founded during 2024; DB02-01 moved under DB02-BP and CB02 renamed in 2025.
INSERT INTO organization (id, code, name, name_key, search_key, kind, parent_id, founded, dissolved) VALUES
  (1,  'DB01',       'Đảng bộ xã Hòa Bình',            x'', '', 'dang_bo_co_so',     NULL, '1990', NULL),
  (2,  'DB01-01',    'Chi bộ thôn Bản Lè',             x'', '', 'chi_bo_truc_thuoc', 1,    '1990', NULL),
  (3,  'DB01-02',    'Chi bộ thôn Nà Sài',             x'', '', 'chi_bo_truc_thuoc', 1,    '1990', NULL),
  (4,  'DB01-03',    'Chi bộ thôn Co Muông',           x'', '', 'chi_bo_truc_thuoc', 1,    '2024-03-01', NULL),
  (5,  'DB01-04',    'Chi bộ thôn Huổi Tanh',          x'', '', 'chi_bo_truc_thuoc', 1,    '1990', '2024-09-30'),
  (6,  'DB02',       'Đảng bộ Trường THPT Minh Tân',   x'', '', 'dang_bo_co_so',     NULL, '2005', NULL),
  (7,  'DB02-01',    'Chi bộ Tổ Tự nhiên',             x'', '', 'chi_bo_truc_thuoc', 8,    '2005', NULL),
  (8,  'DB02-BP',    'Đảng bộ bộ phận Khối Văn phòng', x'', '', 'dang_bo_bo_phan',   6,    '2010', NULL),
  (9,  'DB02-BP-01', 'Chi bộ Tổ Hành chính',           x'', '', 'chi_bo_truc_thuoc', 8,    '2010', NULL),
  (10, 'CB01',       'Chi bộ Công an xã',              x'', '', 'chi_bo_co_so',      NULL, '1990', NULL),
  (11, 'CB02',       'Chi bộ Trạm Y tế xã Minh Tân',   x'', '', 'chi_bo_co_so',      NULL, '1990', NULL),
  (12, 'CB03',       'Chi bộ Hợp tác xã Tiến Lên',     x'', '', 'chi_bo_co_so',      NULL, '1990', '2024-06-30'),
  (13, 'CB04',       'Chi bộ Trường Mầm non',          x'', '', 'chi_bo_co_so',      NULL, '2024-10-01', NULL);

INSERT INTO organization_event (organization_id, date, kind, old_name, name, old_parent_id, parent_id, target_id) VALUES
  (5,  '2024-09-30', 'merge',    NULL, NULL, NULL, NULL, 3),
  (12, '2024-06-30', 'dissolve', NULL, NULL, NULL, NULL, NULL),
  (7,  '2025-02-01', 'move',     NULL, NULL, 6, 8, NULL),
  (11, '2025-08-01', 'rename',   'Chi bộ Trạm Y tế', 'Chi bộ Trạm Y tế xã Minh Tân', NULL, NULL, NULL);

-- Members: the present cell is the one of their latest event (NULL once they left).
INSERT INTO member (id, code, full_name, name_key, search_key, gender, birth_date, admission_date, official_date, organization_id) VALUES
  (1,  'M01', 'Lò Văn Sơn',      x'', '', 'male',   '1970-03-12', '1994-01-15', '1995-01-15', 2),
  (2,  'M02', 'Quàng Thị Hoa',   x'', '', 'female', '1960-08-20', '1984-06-01', '1985-06-01', 2),
  (3,  'M03', 'Cà Văn Thắng',    x'', '', 'male',   '1972-10-02', '1994-10-20', '1995-10-20', 2),
  (4,  'M04', 'Lường Thị Mai',   x'', '', 'female', '1980-01-05', '2005-02-03', '2006-02-03', 2),
  (5,  'M05', 'Hà Văn Dũng',     x'', '', 'male',   '1985-04-30', '2010-07-01', '2011-07-01', 2),
  (6,  'M06', 'Vì Thị Lan',      x'', '', 'female', '1975-12-12', '2000-11-07', '2001-11-07', 3),
  (7,  'M07', 'Lò Thị Hương',    x'', '', 'female', '1996-06-15', '2022-07-07', '2023-07-07', 3),
  (8,  'M08', 'Tòng Văn Hải',    x'', '', 'male',   '1990-09-09', '2016-03-08', '2017-03-08', 3),
  (9,  'M09', 'Sầm Văn Phong',   x'', '', 'male',   '1978-02-14', '2003-05-19', '2004-05-19', 3),
  (10, 'M10', 'Lò Thị Nguyệt',   x'', '', 'female', '1982-07-27', '2008-09-02', '2009-09-02', 3),
  (11, 'M11', 'Quàng Văn Tiến',  x'', '', 'male',   '1988-11-11', '2012-12-22', '2013-12-22', 4),
  (12, 'M12', 'Cà Thị Thu',      x'', '', 'female', '2001-04-04', '2024-05-19', '2025-05-20', 4),
  (13, 'M13', 'Lường Văn Pọm',   x'', '', 'male',   '1950-05-05', '1974-01-10', '1975-01-10', NULL),
  (14, 'M14', 'Nguyễn Văn An',   x'', '', 'male',   '1983-03-03', '2007-01-09', '2008-01-09', 7),
  (15, 'M15', 'Trần Thị Bình',   x'', '', 'female', '1987-05-06', '2011-10-14', '2012-10-14', 7),
  (16, 'M16', 'Phạm Văn Cường',  x'', '', 'male',   '1984-08-08', '2010-05-05', '2011-05-05', 7),
  (17, 'M17', 'Lê Thị Dung',     x'', '', 'female', '1979-09-19', '2021-02-03', '2022-02-03', 9),
  (18, 'M18', 'Hoàng Văn Đức',   x'', '', 'male',   '1992-12-01', '2020-05-19', '2021-05-19', 9),
  (19, 'M19', 'Đỗ Thị Giang',    x'', '', 'female', '1995-01-20', '2019-09-02', '2020-09-02', 9),
  (20, 'M20', 'Lò Văn Hùng',     x'', '', 'male',   '1986-06-06', '2009-03-26', '2010-03-26', 10),
  (21, 'M21', 'Vì Văn Kiên',     x'', '', 'male',   '1998-02-02', '2023-12-28', '2025-01-05', 10),
  (22, 'M22', 'Lò Thị Loan',     x'', '', 'female', '2000-10-10', '2024-08-10', '2025-08-15', 10),
  (23, 'M23', 'Cầm Văn Minh',    x'', '', 'male',   '1968-04-04', '1994-05-10', '1995-05-10', 11),
  (24, 'M24', 'Lường Thị Nga',   x'', '', 'female', '1970-07-07', '1993-10-01', '1994-10-01', 11),
  (25, 'M25', 'Quàng Văn Ơn',    x'', '', 'male',   '1955-03-15', '1985-02-03', '1986-02-03', 11),
  (26, 'M26', 'Hà Thị Phương',   x'', '', 'female', '1977-11-20', '2002-02-03', '2003-02-03', 10),
  (27, 'M27', 'Tòng Văn Quý',    x'', '', 'male',   '1989-12-12', '2013-05-19', '2014-05-19', NULL),
  (28, 'M28', 'Sầm Thị Rươi',    x'', '', 'female', '1991-03-08', '2015-11-07', '2016-11-07', 13),
  (29, 'M29', 'Lò Văn Sáu',      x'', '', 'male',   '2002-01-01', '2024-11-20', '2025-11-25', 13),
  (30, 'M30', 'Cà Văn Tâm',      x'', '', 'male',   '1980-05-05', '2006-06-06', '2007-06-06', NULL),
  (31, 'M31', 'Lường Văn Út',    x'', '', 'male',   '2003-09-09', '2025-03-03', '2026-03-10', 10);

INSERT INTO member_event (member_id, date, kind, organization_id, reason) VALUES
  (1,  '1994-01-15', 'admitted',     2,    NULL),
  (2,  '1996-03-01', 'transfer_in',  2,    NULL),
  (3,  '1994-10-20', 'admitted',     2,    NULL),
  (4,  '2005-02-03', 'admitted',     2,    NULL),
  (5,  '2010-07-01', 'admitted',     2,    NULL),
  (6,  '2000-11-07', 'admitted',     3,    NULL),
  (7,  '2022-07-07', 'admitted',     3,    NULL),
  (8,  '2016-03-08', 'admitted',     3,    NULL),
  (9,  '2003-05-19', 'admitted',     5,    NULL),
  (9,  '2024-09-30', 'move',         3,    NULL),  -- DB01-04 merged into DB01-02
  (10, '2008-09-02', 'admitted',     5,    NULL),
  (10, '2024-09-30', 'move',         3,    NULL),
  (11, '2012-12-22', 'admitted',     2,    NULL),
  (11, '2024-03-15', 'move',         4,    NULL),  -- a move between cells: not a transfer
  (12, '2024-05-19', 'admitted',     4,    NULL),
  (13, '1996-03-01', 'transfer_in',  5,    NULL),
  (13, '2024-04-02', 'left',         NULL, 'died'),
  (14, '2007-01-09', 'admitted',     7,    NULL),
  (15, '2011-10-14', 'admitted',     7,    NULL),
  (16, '2024-02-01', 'transfer_in',  7,    NULL),  -- transferred in: not an admission
  (17, '2021-02-03', 'admitted',     9,    NULL),
  (18, '2020-05-19', 'admitted',     9,    NULL),
  (19, '2019-09-02', 'admitted',     9,    NULL),
  (20, '2009-03-26', 'admitted',     10,   NULL),
  (21, '2023-12-28', 'admitted',     10,   NULL),
  (22, '2024-08-10', 'admitted',     10,   NULL),
  (23, '1994-05-10', 'admitted',     11,   NULL),
  (24, '1993-10-01', 'admitted',     11,   NULL),
  (25, '1991-01-10', 'transfer_in',  11,   NULL),
  (26, '2002-02-03', 'admitted',     12,   NULL),
  (26, '2024-06-30', 'move',         10,   NULL),  -- CB03 dissolved
  (27, '2013-05-19', 'admitted',     12,   NULL),
  (27, '2024-06-01', 'transfer_out', NULL, NULL),
  (28, '2015-11-07', 'admitted',     11,   NULL),
  (28, '2024-10-01', 'move',         13,   NULL),
  (29, '2024-11-20', 'admitted',     13,   NULL),
  (30, '2006-06-06', 'admitted',     11,   NULL),
  (30, '2024-12-10', 'left',         NULL, 'struck_off'),
  (31, '2025-03-03', 'admitted',     10,   NULL);

-- Exempt from work and meetings since 2022: counted in the total, not rated.
INSERT INTO member_exemption (member_id, first_date, last_date, reason) VALUES
  (25, '2022-01-01', NULL, 'Tuổi cao, sức yếu');

-- Committee-wide targets: three terms sharing boundary years, and years 2020, 2024, 2025 (0);
-- one target for DB01 alone.
INSERT INTO admission_target (first_year, last_year, organization_id, number) VALUES
  (2015, 2020, NULL, 10),
  (2020, 2025, NULL, 16),
  (2025, 2030, NULL, 20),
  (2020, 2020, NULL, 4),
  (2024, 2024, NULL, 2),
  (2025, 2025, NULL, 0),
  (2024, 2024, 1,    1);

INSERT INTO organization_rating (organization_id, year, grade, not_rated_reason) VALUES
  (1,  2023, 'good',      NULL),
  (12, 2023, 'done',      NULL),
  (1,  2024, 'good',      NULL),
  (6,  2024, 'excellent', NULL),
  (10, 2024, 'good',      NULL),
  (13, 2024, NULL,        'recently_founded'),  -- CB02 has no record for 2024: missing
  (2,  2024, 'excellent', NULL),
  (3,  2024, 'good',      NULL),
  (4,  2024, 'done',      NULL),
  (7,  2024, 'good',      NULL),
  (9,  2024, 'failed',    NULL),
  (8,  2024, 'good',      NULL);

INSERT INTO member_rating (member_id, year, grade, not_rated_reason) VALUES
  (1,  2023, 'good',      NULL),
  (1,  2024, 'excellent', NULL),
  (2,  2024, 'good',      NULL),
  (3,  2024, 'good',      NULL),
  (4,  2024, 'good',      NULL),
  (5,  2024, 'done',      NULL),
  (6,  2024, 'good',      NULL),
  (7,  2024, 'good',      NULL),
  (8,  2024, 'good',      NULL),
  (9,  2024, 'good',      NULL),
  (10, 2024, 'failed',    NULL),
  (12, 2024, 'good',      NULL),
  (14, 2024, 'good',      NULL),
  (15, 2024, 'done',      NULL),
  (16, 2024, 'good',      NULL),
  (20, 2024, 'good',      NULL),
  (21, 2024, 'done',      NULL),
  (22, 2024, NULL,        'recently_admitted'),
  (25, 2024, NULL,        'exempt'),
  (29, 2024, NULL,        'recently_admitted');

INSERT INTO badge (member_id, years, date) VALUES
  (24, 30, '2023-11-07'),
  (1,  30, '2024-02-03'),
  (13, 50, '2024-02-03'),
  (23, 30, '2024-05-19'),
  (2,  40, '2024-09-02'),
  (3,  30, '2024-11-07');

INSERT INTO award (year, organization_id, member_id, person_name, form, reason) VALUES
  (2023, 1,    NULL, NULL, 'Bằng khen', 'Hoàn thành xuất sắc nhiệm vụ 5 năm liền'),
  (2024, 6,    NULL, NULL, 'Giấy khen', 'Hoàn thành xuất sắc nhiệm vụ năm 2024'),
  (2024, 10,   NULL, NULL, 'Giấy khen', 'Hoàn thành tốt nhiệm vụ năm 2024'),
  (2024, NULL, 1,    NULL, 'Giấy khen', 'Đảng viên tiêu biểu'),
  (2024, NULL, NULL, 'Nguyễn Thị Xuân', 'Giấy khen', 'Có thành tích trong công tác dân vận');

INSERT INTO meeting (number, symbol, date, kind) VALUES
  ('30', 'BB/HU', '2023-12-20', 'year_end'),
  ('01', 'BB/HU', '2024-01-15', 'executive'),
  ('02', 'BB/HU', '2024-02-20', 'standing'),
  ('03', 'BB/HU', '2024-05-10', 'standing'),
  ('04', 'BB/HU', '2024-07-12', 'executive'),
  ('05', 'BB/HU', '2024-09-05', 'standing'),
  ('06', 'BB/HU', '2024-10-20', 'dissemination'),
  ('07', 'BB/HU', '2024-12-28', 'year_end'),
  ('01', 'BB/ĐU', '2025-08-10', 'executive');

UPDATE organization SET name_key = sdb_sort_key (name), search_key = sdb_search_key (name);
UPDATE member SET name_key = sdb_name_key (full_name), search_key = sdb_search_key (full_name);
