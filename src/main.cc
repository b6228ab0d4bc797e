// mysanta-rec: the recommendation service's one binary. All behaviour lives in the library;
// see src/cli/cli.h for the subcommands.
#include "cli/cli.h"

int main(int argc, char** argv) { return mysanta::RunCli(argc, argv); }
