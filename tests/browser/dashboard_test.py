#!/usr/bin/python3
"""Drives the dashboard (GET /) and the API docs (GET /docs) of a live mysanta-rec in headless
Chromium through Debian's chromium-driver and python3-selenium: the page loads without console
errors, the health and jobs panels fill in, a "try it" query shows presents with their titles, a
job button answers 401 without the token and runs the job with it, and the page fits a phone's
width. Saves screenshots into the folder given. run-dashboard-test starts the service.

usage: dashboard_test.py URL ADMIN_TOKEN SCREENSHOT_DIR
"""
import os
import sys
import unittest

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

URL, TOKEN, SHOTS = sys.argv[1], sys.argv[2], sys.argv[3]
WAIT_SECONDS = 20
# A job rebuilds the serving snapshot before it answers: on a loaded 2-core machine, a while.
JOB_WAIT_SECONDS = 180


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1000", "--disable-extensions", "--no-first-run"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


class DashboardTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = make_driver()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def setUp(self):
        self.driver.get_log("browser")  # each test sees only its own console messages

    def wait_for(self, condition, what, seconds=WAIT_SECONDS):
        # Tables the page redraws on each refresh may replace an element while it is read.
        return WebDriverWait(self.driver, seconds, ignored_exceptions=[StaleElementReferenceException]
                             ).until(lambda _: condition(), what)

    def text_of(self, element_id):
        return self.driver.find_element(By.ID, element_id).text

    def console_errors(self):
        return [entry for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]

    def open_dashboard(self):
        self.driver.get(URL + "/")
        self.wait_for(lambda: self.text_of("health-status") in ("healthy", "degraded"),
                      "the health panel shows the service's status")

    def ask(self, endpoint, **fields):
        Select(self.driver.find_element(By.ID, "try-endpoint")).select_by_value(endpoint)
        for element_id, value in fields.items():
            field = self.driver.find_element(By.ID, element_id)
            field.clear()
            field.send_keys(str(value))
        before = self.text_of("try-round-trip")
        self.driver.find_element(By.ID, "try-submit").click()
        self.wait_for(lambda: self.driver.find_element(By.ID, "try-meta").is_displayed()
                      and self.text_of("try-round-trip") != before, f"/{endpoint} answers")
        return self.driver.find_elements(By.CSS_SELECTOR, "#try-results tr.present")

    def run_job_button(self, job):
        return self.driver.find_element(By.CSS_SELECTOR, f'tr[data-job="{job}"] button.run-job')

    def test_1_loads_without_console_errors_and_fills_health_and_jobs(self):
        self.open_dashboard()
        self.assertRegex(self.text_of("data-version"), r"^\d+$")
        self.assertEqual(self.text_of("check-main_database"), "ok")
        self.wait_for(lambda: self.text_of("job-popular_items-status") == "completed",
                      "the jobs panel shows the first computation's runs")
        self.assertRegex(self.text_of("job-user_profiles-rows"), r"^\d+$")
        self.assertNotEqual(self.text_of("snapshot-age"), "–")
        self.assertRegex(self.text_of("cache-hit-ratio"), r"^\d+\.\d %$")
        # The request table fills in from /stats once the page's own calls are counted.
        self.wait_for(lambda: self.driver.find_elements(By.CSS_SELECTOR,
                                                        '#requests tr[data-endpoint="/health"]'),
                      "the requests panel lists /health")
        self.assertEqual(self.console_errors(), [])

    def test_2_try_it_shows_presents_with_titles(self):
        self.open_dashboard()
        rows = self.ask("popular", **{"try-limit": 5})
        self.assertEqual(self.text_of("try-algorithm"), "popular")
        self.assertTrue(1 <= len(rows) <= 5, len(rows))
        titles = [row.find_element(By.CSS_SELECTOR, "td.title").text for row in rows]
        for title in titles:
            self.assertTrue(title and title != "(unknown)", titles)
        self.assertIn(self.text_of("try-cache-hit"), ("true", "false"))
        # The same question again comes from the cache.
        self.ask("popular", **{"try-limit": 5})
        self.assertEqual(self.text_of("try-cache-hit"), "true")

        rows = self.ask("personalized", **{"try-user": 1, "try-limit": 5})
        self.assertIn(self.text_of("try-algorithm"), ("popular", "content_based", "collaborative"))

        # "similar" on a present's row asks /similar for it.
        rows = self.ask("popular", **{"try-limit": 5})
        first_id = rows[0].find_elements(By.TAG_NAME, "td")[1].text
        rows[0].find_element(By.CSS_SELECTOR, "button.similar").click()
        self.wait_for(lambda: self.text_of("try-algorithm") == "similar", "/similar answers")
        self.assertEqual(self.driver.find_element(By.ID, "try-present").get_attribute("value"),
                         first_id)
        self.assertEqual(self.console_errors(), [])

    def test_3_job_button_needs_the_token(self):
        self.open_dashboard()
        self.wait_for(lambda: self.run_job_button("popular_items").is_displayed(), "job buttons")
        self.driver.get_log("browser")  # the 401 below is expected in the console
        self.run_job_button("popular_items").click()
        self.wait_for(lambda: self.text_of("job-message").startswith("401"),
                      "the 401 message: " + self.text_of("job-message"))
        self.assertIn("unauthorized", self.text_of("job-message"))
        self.assertIn("token", self.text_of("job-message"))

        self.driver.find_element(By.ID, "admin-token").send_keys(TOKEN)
        self.run_job_button("popular_items").click()
        self.wait_for(lambda: self.text_of("job-message").startswith("popular_items: completed"),
                      "the job ran", JOB_WAIT_SECONDS)
        # The token stays in the page's input only.
        stored = self.driver.execute_script(
            "return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie")
        self.assertNotIn(TOKEN, stored)

    def test_4_screenshots_and_a_phone_width(self):
        self.open_dashboard()
        self.ask("popular", **{"try-limit": 8})
        self.wait_for(lambda: self.text_of("job-popular_items-status") == "completed", "jobs")
        # Rates need two refreshes: wait for one shown.
        self.wait_for(lambda: any(cell.text not in ("–", "") for cell in self.driver.find_elements(
            By.CSS_SELECTOR, "#requests td:nth-child(2)")), "request rates")
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(1280, min(height + 40, 3000))
        self.driver.execute_script("window.scrollTo(0, 0)")
        self.driver.save_screenshot(os.path.join(SHOTS, "dashboard.png"))
        self.driver.set_window_size(390, 844)  # a phone
        overflow = self.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        self.assertLessEqual(overflow, 0, "the page scrolls sideways on a phone")
        self.driver.execute_script("window.scrollTo(0, 0)")
        self.driver.save_screenshot(os.path.join(SHOTS, "dashboard-phone.png"))
        # The README's picture (docs/dashboard.png is a copy): the whole page at 0.6 pixel ratio.
        self.driver.set_window_size(1200, 1000)
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": 1200, "height": min(height, 2400), "deviceScaleFactor": 0.6, "mobile": False})
        self.driver.execute_script("window.scrollTo(0, 0)")
        self.driver.save_screenshot(os.path.join(SHOTS, "dashboard-readme.png"))
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        self.driver.set_window_size(1280, 1000)

    def test_5_docs_render_the_openapi_document(self):
        self.driver.get(URL + "/docs")
        self.wait_for(lambda: self.driver.find_elements(By.ID, "popular"), "/docs lists /popular")
        self.assertTrue(self.driver.find_elements(By.ID, "similar"))
        self.assertIn("MySanta", self.text_of("title"))
        self.assertEqual(self.console_errors(), [])


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
