// Checks of the deployment files that CI cannot run (there is no Docker on these machines):
// the Dockerfile, docker-compose.yml and deploy/ may name only files that exist in the tree, and
// only subcommands, flags and environment variables that the built binary has. Also: the README's
// links resolve inside the repository, and sql/schema.sql loads on a fresh PostgreSQL database
// through psql without a single notice, as `psql mysanta_recommendations < sql/schema.sql` does.
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "deployment.h"
#include "server_process.h"
#include "test_support.h"

namespace mysanta::e2e {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = MYSANTA_SOURCE_DIR;

std::string Source(const std::string& relative) { return ReadFile(kSource / relative); }

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Every match of `pattern`'s first group in `text`.
std::vector<std::string> Matches(const std::string& text, const std::string& pattern) {
  std::vector<std::string> found;
  const std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    found.push_back((*it)[1].str());
  }
  return found;
}

// `mysanta-rec <subcommand> --help`, which must exit 0.
std::string Help(const std::string& subcommand) {
  const fs::path log = fs::temp_directory_path() / fmt::format("help-{}-{}", getpid(), subcommand);
  CommandResult result = RunCommand({BinaryPath(), subcommand, "--help"}, {}, log);
  fs::remove(log);
  EXPECT_EQ(result.exit_code, 0) << "mysanta-rec " << subcommand << " --help:\n" << result.output;
  return result.output;
}

// The configuration variables the binary knows: each is listed as "env NAME" in serve --help.
std::set<std::string> ConfigVariables() {
  std::set<std::string> names;
  for (const std::string& name : Matches(Help("serve"), R"(env ([A-Z_]+))")) names.insert(name);
  return names;
}

// A command line of the binary ("generate --scale seed --out X"): the subcommand exists and every
// --flag is one its --help lists.
void ExpectValidCommand(const std::vector<std::string>& argv, const std::string& where) {
  ASSERT_FALSE(argv.empty()) << where;
  const std::string help = Help(argv[0]);
  for (size_t i = 1; i < argv.size(); ++i) {
    if (!argv[i].starts_with("--")) continue;
    const std::string flag = argv[i].substr(0, argv[i].find('='));
    EXPECT_TRUE(std::regex_search(help, std::regex(flag + "\\b")))
        << where << ": mysanta-rec " << argv[0] << " has no " << flag;
  }
}

// The strings of a JSON-style array line: ["a", "b"] -> {a, b}.
std::vector<std::string> ArrayItems(const std::string& text) {
  return Matches(text, R"re("([^"]*)")re");
}

TEST(DeploymentFilesTest, DockerfileNamesOnlyWhatExists) {
  const std::string dockerfile = Source("Dockerfile");
  ASSERT_FALSE(dockerfile.empty()) << "no Dockerfile";
  EXPECT_NE(dockerfile.find("FROM debian:bookworm"), std::string::npos);
  EXPECT_NE(dockerfile.find("scripts/install-deps"), std::string::npos);
  EXPECT_NE(dockerfile.find("USER mysanta"), std::string::npos) << "runs as a non-root user";
  EXPECT_TRUE(std::regex_search(dockerfile, std::regex(R"(HEALTHCHECK[^\n]*\n?[^\n]*/health)")));
  for (const std::string& line : Lines(dockerfile)) {
    std::smatch copy;
    if (std::regex_match(line, copy, std::regex(R"(COPY (?:--from=\S+ )?(\S+) \S+)")) &&
        line.find("--from=") == std::string::npos && copy[1] != ".") {
      EXPECT_TRUE(fs::exists(kSource / copy[1].str())) << "Dockerfile copies " << copy[1];
    }
  }
  // Run-time: every variable set is one the service reads; the default command is a subcommand.
  const std::set<std::string> variables = ConfigVariables();
  for (const std::string& name : Matches(dockerfile, R"((?:ENV |\\\n\s+)([A-Z_]+)=)")) {
    EXPECT_TRUE(variables.contains(name)) << "Dockerfile sets " << name;
  }
  const std::vector<std::string> cmd = Matches(dockerfile, R"re(CMD \["([a-z-]+)")re");
  ASSERT_EQ(cmd.size(), 1u);
  ExpectValidCommand({cmd[0]}, "Dockerfile CMD");
  // The build stage's cmake target and the install script's runtime mode exist.
  EXPECT_NE(Source("CMakeLists.txt").find("add_executable(mysanta-rec"), std::string::npos);
  EXPECT_NE(Source("scripts/install-deps").find("--runtime)"), std::string::npos);
}

TEST(DeploymentFilesTest, ComposeNamesOnlyWhatExists) {
  const std::string compose = Source("docker-compose.yml");
  ASSERT_FALSE(compose.empty()) << "no docker-compose.yml";
  for (const char* part : {"image: postgres:15", "image: redis:7", "redis://redis:6379/1",
                           "migrate:", "profiles: [\"seed\"]"}) {
    EXPECT_NE(compose.find(part), std::string::npos) << "docker-compose.yml lacks " << part;
  }
  // Host files mounted into containers.
  for (const std::string& path : Matches(compose, R"(- \./([^:\s]+):)")) {
    EXPECT_TRUE(fs::exists(kSource / path)) << "docker-compose.yml mounts " << path;
  }
  // The service's commands (images of others have their own), one per `command:` of a service
  // built from this repository: every one but postgres's and redis's.
  int commands = 0;
  std::string command_text;
  bool in_command = false;
  for (const std::string& line : Lines(compose)) {
    if (line.find("command: [") != std::string::npos) {
      in_command = true;
      command_text.clear();
    }
    if (in_command) command_text += line;
    if (in_command && line.find(']') != std::string::npos) {
      in_command = false;
      std::vector<std::string> argv = ArrayItems(command_text);
      if (!argv.empty() && argv[0] == "redis-server") continue;
      ExpectValidCommand(argv, "docker-compose.yml `" + command_text + "`");
      ++commands;
    }
  }
  EXPECT_EQ(commands, 3) << "seed, migrate and serve";
  // Every upper-case key of an environment block of the service is one of its variables
  // (POSTGRES_* are the postgres image's own).
  const std::set<std::string> variables = ConfigVariables();
  for (const std::string& name : Matches(compose, R"(\n\s+([A-Z][A-Z_]+): )")) {
    if (name.starts_with("POSTGRES_")) continue;
    EXPECT_TRUE(variables.contains(name)) << "docker-compose.yml sets " << name;
  }
  // The Redis settings file's directives are plain; its database is the service's URL's.
  EXPECT_NE(Source("deploy/redis.conf").find("maxmemory-policy"), std::string::npos);
}

// The README's relative links and the files it names in backticks under sql/, deploy/, scripts/.
TEST(DeploymentFilesTest, ReadmeLinksResolveInsideTheRepository) {
  const std::string readme = Source("README.md");
  ASSERT_FALSE(readme.empty());
  for (const std::string& target : Matches(readme, R"(\]\(([^)#\s]+)[^)]*\))")) {
    if (target.starts_with("http://") || target.starts_with("https://")) {
      ADD_FAILURE() << "README links outside the repository: " << target;
      continue;
    }
    const fs::path resolved = fs::weakly_canonical(kSource / target);
    EXPECT_TRUE(fs::exists(resolved)) << "README links to missing " << target;
    EXPECT_TRUE(resolved.string().starts_with(fs::weakly_canonical(kSource).string()))
        << "README links outside the repository: " << target;
  }
  for (const std::string& path :
       Matches(readme, R"(`((?:sql|deploy|scripts|bench|tests)/[A-Za-z0-9_./-]+\.?[A-Za-z]*)`)")) {
    if (path.find('*') != std::string::npos) continue;
    EXPECT_TRUE(fs::exists(kSource / path)) << "README names missing " << path;
  }
  for (const char* file : {"Dockerfile", "docker-compose.yml"}) {
    EXPECT_NE(readme.find(file), std::string::npos) << "README explains " << file;
  }
  EXPECT_NE(readme.find("CI does not run"), std::string::npos)
      << "README says the Docker files are not run by CI";
}

// `createdb mysanta_recommendations && psql mysanta_recommendations < sql/schema.sql`, on the real
// PostgreSQL of with-test-services: no error and not one NOTICE (psql prints them on stderr).
TEST(DeploymentFilesTest, SchemaLoadsOnAFreshPostgresWithoutNotices) {
  MYSANTA_REQUIRE_ENV(admin_url, "TEST_POSTGRES_URL");
  const std::string database = fmt::format("mysanta_schema_{}", getpid());
  ExecuteSql(*ParseDatabaseUrl(admin_url), "CREATE DATABASE " + database);
  const fs::path out = fs::temp_directory_path() / (database + ".out");
  const fs::path err = fs::temp_directory_path() / (database + ".err");
  const std::string command =
      fmt::format("psql -X -v ON_ERROR_STOP=1 '{}' < '{}' > '{}' 2> '{}'",
                  WithDatabase(admin_url, database), (kSource / "sql/schema.sql").string(),
                  out.string(), err.string());
  const int status = std::system(command.c_str());
  const std::string errors = ReadFile(err);
  const std::string output = ReadFile(out);
  ExecuteSql(*ParseDatabaseUrl(admin_url), "DROP DATABASE " + database + " WITH (FORCE)");
  fs::remove(out);
  fs::remove(err);
  EXPECT_EQ(status, 0) << errors;
  EXPECT_EQ(errors, "") << "psql printed notices or errors";
  EXPECT_NE(output.find("CREATE TABLE"), std::string::npos) << output;
}

}  // namespace
}  // namespace mysanta::e2e
