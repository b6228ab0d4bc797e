// The command line: `mysanta-rec serve|demo|generate|refresh|evaluate|migrate|import`, each with --help.
// Wrong arguments print a one-line error naming the argument and exit 2.
#pragma once

namespace mysanta {

int RunCli(int argc, char** argv);

}  // namespace mysanta
