// The badge design's values and the measurable rules computed from them (badge_spec.h).
#include "badge_geometry.h"

#include <algorithm>
#include <cmath>

namespace accred::badge {
namespace {

constexpr BadgeSize kA4{210, 297};

constexpr Layout kA6{
    .size = {105, 148},
    .event = {.box = {6, 4.5, 93, 9}, .size = 3.0, .lines = 2},
    .logo = {6, 3.5, 11, 11},
    .band = {.box = {5, 15, 95, 22}, .radius = 2.5, .padding = 4, .category_size = 9.5},
    .identity = {.box = {6, 38.5, 93, 21},
                 .valign = VAlign::middle,
                 .align = Align::centre,
                 .name_height = 15,
                 .name_size = 8.5,
                 .name_lines = 2,
                 .delegation_height = 6,
                 .delegation_size = 4.5},
    .escort = {.box = {6, 60, 93, 5.5}, .size = 4.0},
    .zones = {6, 67, 93, 8.5},
    .zone_box_max = 8.5,
    .zone_gap = 1.5,
    .days = {.box = {6, 131, 93, 5.5}, .size = 4.2},
    .id = {.box = {6, 137.5, 93, 5}, .size = 3.0},
    .photo = {6, 78, 37, 46.25},
    .qr = {46, 76.5, 54, 54},
    .back = {.event = {.box = {6, 6, 93, 12}, .size = 4.5, .lines = 2},
             .qr = {5, 22, 95, 95},
             .name = {.box = {6, 120, 93, 12}, .size = 6.5, .lines = 2},
             .id = {.box = {6, 134, 93, 6}, .size = 3.5}},
};

constexpr Layout kCr80{
    .size = {54, 85.6},
    .event = {.box = {3, 2.2, 48, 4.2}, .size = 1.9, .lines = 2},
    .logo = {2.5, 1.4, 5.2, 5.2},
    .band = {.box = {2.5, 7, 49, 8}, .radius = 1.5, .padding = 1.6, .category_size = 4.0},
    .identity = {.box = {30, 16.5, 21.5, 20},
                 .valign = VAlign::top,
                 .align = Align::left,
                 .name_height = 13.5,
                 .name_size = 3.8,
                 .name_lines = 3,
                 .delegation_height = 5.5,
                 .delegation_size = 2.1},
    .escort = {.box = {30, 37.5, 21.5, 10.5}, .size = 2.1, .lines = 3},
    .zones = {2.5, 50, 49, 6.5},
    .zone_box_max = 6.5,
    .zone_gap = 1.0,
    .days = {.box = {31, 60, 20, 10}, .size = 2.4, .lines = 3},
    .id = {.box = {31, 77, 20, 4.5}, .size = 2.0, .lines = 2},
    .photo = {2.5, 16.5, 25.6, 32},
    .qr = {2.5, 57, 27, 27},
    .back = {.event = {.box = {3, 3, 48, 6}, .size = 2.4, .lines = 2},
             .qr = {2, 11, 50, 50},
             .name = {.box = {3, 63, 48, 9}, .size = 3.6, .lines = 2},
             .id = {.box = {3, 74, 48, 4}, .size = 2.2}},
};

} // namespace

const Layout& layout_for(BadgeFormat format) {
    return format == BadgeFormat::cr80 ? kCr80 : kA6;
}

BadgeSize badge_size(BadgeFormat format) {
    return layout_for(format).size;
}

Box qr_area(BadgeFormat format, Side side) {
    return side == Side::back ? layout_for(format).back.qr : layout_for(format).qr;
}

double qr_module_mm(BadgeFormat format, int modules, Side side) {
    return qr_area(format, side).w / (modules + 2 * kQuietModules);
}

Box photo_area(BadgeFormat format) {
    return layout_for(format).photo;
}

std::vector<Box> zone_boxes(BadgeFormat format, std::size_t count) {
    const Layout& l = layout_for(format);
    if (count == 0) return {};
    const Box& area = l.zones;
    const double gap = l.zone_gap;
    // The number of rows that gives the largest boxes: more rows only when one row would need
    // boxes smaller than the height the extra rows leave.
    int best_rows = 1;
    double best_side = 0;
    const int n = static_cast<int>(std::min<std::size_t>(count, 256));
    for (int rows = 1; rows <= n; ++rows) {
        const int columns = (n + rows - 1) / rows;
        const double side = std::min({l.zone_box_max, (area.w - (columns - 1) * gap) / columns,
                                      (area.h - (rows - 1) * gap) / rows});
        if (side > best_side) {
            best_side = side;
            best_rows = rows;
        }
    }
    const int columns = (n + best_rows - 1) / best_rows;
    const double row_height = best_side + gap;
    const double top = area.y + (area.h - best_rows * row_height + gap) / 2;
    std::vector<Box> boxes;
    for (int i = 0; i < n; ++i) {
        const int row = i / columns;
        // The last row may be shorter: it is centred too.
        const int in_row = std::min(columns, n - row * columns);
        const double width = in_row * best_side + (in_row - 1) * gap;
        const double left = area.x + (area.w - width) / 2;
        boxes.push_back({left + (i % columns) * (best_side + gap), top + row * row_height,
                         best_side, best_side});
    }
    return boxes;
}

PageGeometry page_geometry(const BadgeRenderOptions& options) {
    const BadgeSize badge = badge_size(options.format);
    if (!options.a4_sheets) return {badge};
    PageGeometry g{kA4};
    const bool a6 = options.format == BadgeFormat::a6;
    g.columns = a6 ? 2 : 3;
    g.rows = a6 ? 2 : 3;
    g.gutter = a6 ? 0 : 6; // four A6 fill A4 exactly; CR80 cards get room for cut marks
    g.left = (g.page.width_mm - g.columns * badge.width_mm - (g.columns - 1) * g.gutter) / 2;
    g.top = (g.page.height_mm - g.rows * badge.height_mm - (g.rows - 1) * g.gutter) / 2;
    return g;
}

Point badge_origin(const PageGeometry& page, std::size_t slot, Side side) {
    const int col = static_cast<int>(slot) % page.columns;
    const int row = static_cast<int>(slot) / page.columns;
    // The badge's width: the page holds columns of them with gutters between.
    const double width =
        (page.page.width_mm - 2 * page.left - (page.columns - 1) * page.gutter) / page.columns;
    const double x = page.left + col * (width + page.gutter);
    const double height =
        (page.page.height_mm - 2 * page.top - (page.rows - 1) * page.gutter) / page.rows;
    const double y = page.top + row * (height + page.gutter);
    return {side == Side::back ? page.page.width_mm - x - width : x, y};
}

} // namespace accred::badge
