// Temporary: subcommands whose layers are being merged.
#include <cstdio>

#include "cli/commands.h"

namespace mysanta {
int RunServe(const Config&) { std::puts("serve: not yet wired"); return kExitFailure; }
int RunDemo(const Config&, const std::string&) { std::puts("demo: not yet wired"); return kExitFailure; }
int RunGenerate(const GenerateArgs&) { std::puts("generate: not yet wired"); return kExitFailure; }
int RunRefresh(const Config&, const std::string&) { return kExitFailure; }
int RunEvaluate(const Config&, const EvaluateArgs&) { return kExitFailure; }
int RunMigrate(const Config&) { return kExitFailure; }
}  // namespace mysanta
