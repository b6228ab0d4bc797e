#include "datagen/taxonomy.h"

namespace mysanta::datagen {
namespace {

using std::string_view;

constexpr string_view kElectronics[] = {"wireless earbuds",  "smart watch", "power bank",
                                        "bluetooth speaker", "e-reader",    "action camera"};
constexpr string_view kBooks[] = {"novel",        "cookbook",  "art album", "poetry collection",
                                  "history book", "comic book"};
constexpr string_view kBeauty[] = {"perfume",    "skincare set", "makeup palette",
                                   "hair dryer", "bath bombs",   "manicure kit"};
constexpr string_view kToys[] = {"construction set",   "plush bear", "puzzle",
                                 "remote control car", "doll house", "science kit"};
constexpr string_view kHome[] = {"scented candle", "throw blanket", "coffee maker",
                                 "tea set",        "table lamp",    "photo frame"};
constexpr string_view kSports[] = {"yoga mat",      "fitness tracker", "dumbbell set",
                                   "running shoes", "water bottle",    "thermos"};
constexpr string_view kFashion[] = {"scarf",    "leather wallet", "sweater",
                                    "backpack", "sunglasses",     "silk pajamas"};
constexpr string_view kJewelry[] = {"silver ring", "gold earrings", "pendant",
                                    "bracelet",    "cufflinks",     "wrist watch"};
constexpr string_view kFood[] = {"chocolate box", "tea collection", "coffee beans",
                                 "honey set",     "cheese board",   "gingerbread"};
constexpr string_view kHobby[] = {"paint-by-numbers kit", "embroidery set", "model kit",
                                  "pottery kit",          "knitting set",   "calligraphy set"};
constexpr string_view kGames[] = {"board game", "gamepad",        "video game",
                                  "card game",  "gaming headset", "chess set"};
constexpr string_view kMusic[] = {"vinyl record",   "ukulele",   "headphones",
                                  "guitar strings", "turntable", "concert ticket"};
constexpr string_view kTravel[] = {"suitcase",        "travel pillow", "passport cover",
                                   "spa certificate", "weekend tour",  "city guide"};
constexpr string_view kPets[] = {"cat tree",         "dog bed",     "pet toy set",
                                 "automatic feeder", "pet carrier", "grooming kit"};
constexpr string_view kStationery[] = {"notebook",   "fountain pen", "planner",
                                       "sketchbook", "marker set",   "desk organizer"};

// Platforms: ozon, wildberries, yandex_market, aliexpress, lamoda, mvideo.
// clang-format off
constexpr CategoryProfile kCategories[kCategoryCount] = {
    // name,      median, sigma, f lean, any, liker age, recipient age, share, platforms, nouns
    {"electronics", 6500, 0.9, 0.30, 0.55,  2, -1, 1.3, {2, 0.8, 2, 1.5, 0, 3}, kElectronics},
    {"books",      700,   0.5, 0.60, 0.70,  3, -1, 1.0, {3, 1.5, 1.5, 0.1, 0, 0}, kBooks},
    {"beauty",     1800,  0.7, 0.92, 0.20,  2, -1, 1.3, {2, 3, 1.5, 0.8, 1, 0}, kBeauty},
    {"toys",       1500,  0.7, 0.50, 0.60,  2,  0, 1.0, {2.5, 2.5, 1.5, 1, 0, 0.1}, kToys},
    {"home",       2200,  0.8, 0.70, 0.65,  4, -1, 1.1, {2.5, 2, 2, 1, 0.2, 0.6}, kHome},
    {"sports",     3000,  0.8, 0.35, 0.45,  2, -1, 0.9, {2, 2, 1.5, 1.2, 0.6, 0.2}, kSports},
    {"fashion",    3500,  0.7, 0.70, 0.25,  1, -1, 1.2, {1.2, 3, 0.6, 1, 3, 0}, kFashion},
    {"jewelry",    9000,  1.0, 0.88, 0.15,  3, -1, 0.7, {2, 2, 1.5, 0.8, 0.5, 0}, kJewelry},
    {"food",       900,   0.6, 0.55, 0.80,  4, -1, 0.8, {2.5, 1.5, 2.5, 0.1, 0, 0}, kFood},
    {"hobby",      1600,  0.8, 0.55, 0.60,  3, -1, 0.8, {2.5, 2, 1.5, 2, 0, 0}, kHobby},
    {"games",      3000,  0.8, 0.20, 0.50,  1, -1, 0.9, {2, 1, 2, 1, 0, 2.5}, kGames},
    {"music",      3500,  1.0, 0.35, 0.60,  1, -1, 0.5, {2, 1, 2, 1.5, 0, 1.5}, kMusic},
    {"travel",     4500,  0.8, 0.50, 0.70,  3, -1, 0.5, {2.5, 1.5, 2, 1, 0.5, 0.2}, kTravel},
    {"pets",       1100,  0.6, 0.60, 0.85,  3, -1, 0.5, {2.5, 2.5, 1.5, 1, 0, 0}, kPets},
    {"stationery", 500,   0.6, 0.60, 0.70,  1,  0, 0.5, {2.5, 2, 1.5, 1.5, 0, 0}, kStationery},
};
// clang-format on

constexpr string_view kAdjectives[] = {"Classic", "Premium", "Mini",   "Cozy",   "Smart",
                                       "Vintage", "Deluxe",  "Eco",    "Travel", "Handmade",
                                       "Compact", "Festive", "Nordic", "Pro"};

constexpr RegionProfile kRegions[] = {
    {213, 0.34},  // Moscow
    {2, 0.16},    // Saint Petersburg
    {54, 0.07},   // Yekaterinburg
    {65, 0.07},   // Novosibirsk
    {43, 0.07},   // Kazan
    {35, 0.07},   // Krasnodar
    {47, 0.06},   // Nizhny Novgorod
    {39, 0.06},   // Rostov-on-Don
    {51, 0.05},   // Samara
    {172, 0.05},  // Ufa
};

}  // namespace

std::span<const CategoryProfile> Categories() { return kCategories; }
std::span<const std::string_view> TitleAdjectives() { return kAdjectives; }
std::span<const RegionProfile> Regions() { return kRegions; }

}  // namespace mysanta::datagen
