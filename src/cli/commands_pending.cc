// Temporary: subcommands whose layers are being merged.
#include <cstdio>

#include "cli/commands.h"

namespace mysanta {
int RunServe(const Config&) { std::puts("serve: not yet wired"); return kExitFailure; }
int RunDemo(const Config&, const std::string&) { std::puts("demo: not yet wired"); return kExitFailure; }
}  // namespace mysanta
