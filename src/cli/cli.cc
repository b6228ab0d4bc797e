#include "cli/cli.h"

#include <cstdio>

namespace mysanta {

int RunCli(int argc, char** argv) {
  std::puts("mysanta-rec: under construction");
  return 0;
}

}  // namespace mysanta
