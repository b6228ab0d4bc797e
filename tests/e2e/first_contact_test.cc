// What a newcomer meets first, on the real binary: `serve` without data says how to make some;
// `generate` will not overwrite a main database without --force; an error from a flag names the
// flag; the batch subcommands offer only the options they use; a bind error says its prefix once.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "deployment.h"
#include "server_process.h"
#include "store/main_database.h"

namespace mysanta::e2e {
namespace {

namespace fs = std::filesystem;

int Occurrences(const std::string& text, const std::string& part) {
  int count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

class FirstContactTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mysanta_first_contact_" + std::to_string(getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  CommandResult Run(const std::vector<std::string>& args, Environment env = {}) {
    std::vector<std::string> argv = {BinaryPath()};
    argv.insert(argv.end(), args.begin(), args.end());
    if (!env.contains("MAIN_DATABASE_URL")) env["MAIN_DATABASE_URL"] = "sqlite:" + (dir_ / "main.db").string();
    if (!env.contains("RECOMMENDATIONS_DATABASE_URL")) {
      env["RECOMMENDATIONS_DATABASE_URL"] = "sqlite:" + (dir_ / "rec.db").string();
    }
    return RunCommand(argv, env, dir_ / "command.log", std::chrono::seconds(60));
  }

  fs::path dir_;
};

TEST_F(FirstContactTest, ServeWithoutDataSaysHowToMakeSome) {
  CommandResult result = Run({"serve"});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  for (const char* hint : {"mysanta-rec demo", "mysanta-rec generate", "mysanta-rec import"}) {
    EXPECT_NE(result.output.find(hint), std::string::npos) << result.output;
  }
}

TEST_F(FirstContactTest, GenerateRefusesToOverwriteWithoutForce) {
  const std::string main = "sqlite:" + (dir_ / "main.db").string();
  ASSERT_EQ(Run({"generate", "--scale", "tiny", "--seed", "1", "--out", main}).exit_code, 0);
  const int64_t likes = MainDatabase::Open(*ParseDatabaseUrl(main))->CountRows().likes;

  CommandResult refused = Run({"generate", "--users", "10", "--presents", "5", "--likes", "3",
                               "--clicks", "3", "--out", main});
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("--force"), std::string::npos) << refused.output;
  EXPECT_EQ(MainDatabase::Open(*ParseDatabaseUrl(main))->CountRows().likes, likes) << "unchanged";

  CommandResult kept = Run({"generate", "--scale", "tiny", "--if-missing", "--out", main});
  EXPECT_EQ(kept.exit_code, 0) << kept.output;
  EXPECT_NE(kept.output.find("kept"), std::string::npos) << kept.output;
  EXPECT_EQ(MainDatabase::Open(*ParseDatabaseUrl(main))->CountRows().likes, likes);

  CommandResult forced = Run({"generate", "--users", "10", "--presents", "5", "--likes", "3",
                              "--clicks", "3", "--force", "--out", main});
  EXPECT_EQ(forced.exit_code, 0) << forced.output;
  EXPECT_EQ(MainDatabase::Open(*ParseDatabaseUrl(main))->CountRows().likes, 3);
}

TEST_F(FirstContactTest, ErrorsNameTheFlagOrTheVariableThatGaveTheValue) {
  CommandResult flag = Run({"serve", "--port", "abc"});
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_EQ(flag.output.rfind("mysanta-rec: --port: expected", 0), 0u) << flag.output;
  CommandResult variable = Run({"serve"}, {{"PORT", "abc"}});
  EXPECT_EQ(variable.exit_code, 2);
  EXPECT_EQ(variable.output.rfind("mysanta-rec: PORT: expected", 0), 0u) << variable.output;
}

TEST_F(FirstContactTest, BatchSubcommandsListOnlyTheOptionsTheyUse) {
  const std::string migrate = Run({"migrate", "--help"}).output;
  EXPECT_NE(migrate.find("--recommendations-database-url"), std::string::npos) << migrate;
  const std::string refresh = Run({"refresh", "--help"}).output;
  EXPECT_NE(refresh.find("--recommendations-redis-url"), std::string::npos) << refresh;
  const std::string evaluate = Run({"evaluate", "--help"}).output;
  EXPECT_NE(evaluate.find("--max-similar-users"), std::string::npos) << evaluate;
  for (const std::string* help : {&migrate, &refresh, &evaluate}) {
    for (const char* unused : {"--port", "--host", "--max-page-size", "--cache-ttl-popular",
                               "--admin-token", "--popular-items-refresh-minutes"}) {
      EXPECT_EQ(help->find(unused), std::string::npos) << unused << " in\n" << *help;
    }
  }
  EXPECT_EQ(migrate.find("--recommendations-redis-url"), std::string::npos);
  EXPECT_EQ(Run({"migrate", "--port", "8001"}).exit_code, 2) << "not an option of migrate";
  // A variable a subcommand does not use cannot stop it.
  const std::string main = "sqlite:" + (dir_ / "main.db").string();
  ASSERT_EQ(Run({"generate", "--scale", "tiny", "--out", main}).exit_code, 0);
  CommandResult migrated = Run({"migrate"}, {{"PORT", "abc"}});
  EXPECT_EQ(migrated.exit_code, 0) << migrated.output;
}

TEST_F(FirstContactTest, ABindErrorSaysItsPrefixOnce) {
  const std::string main = "sqlite:" + (dir_ / "main.db").string();
  ASSERT_EQ(Run({"generate", "--scale", "tiny", "--out", main}).exit_code, 0);
  // A port held by this test.
  const int holder = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(::bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(::listen(holder, 1), 0);
  ASSERT_EQ(::getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string port = std::to_string(ntohs(address.sin_port));
  CommandResult result = Run({"serve", "--host", "127.0.0.1", "--port", port});
  ::close(holder);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_EQ(Occurrences(result.output, "cannot listen on"), 1) << result.output;
  EXPECT_NE(result.output.find("127.0.0.1:" + port), std::string::npos) << result.output;
}

}  // namespace
}  // namespace mysanta::e2e
