# frozen_string_literal: true

# Runs the client against a live mysanta-rec (tests/ruby/run-client-test starts one on
# MYSANTA_URL, with the admin token in MYSANTA_ADMIN_TOKEN, over generated `tiny` data).
require "minitest/autorun"
require_relative "../lib/mysanta-recommendation_client"

class RecommendationClientTest < Minitest::Test
  URL = ENV.fetch("MYSANTA_URL")
  TOKEN = ENV.fetch("MYSANTA_ADMIN_TOKEN")

  def setup
    ENV["RECOMMENDATION_SERVICE_URL"] = URL # for the class-level calls
    @client = MySanta::RecommendationClient.new(base_url: URL, admin_token: TOKEN)
  end

  def test_popular_pages_through_a_ranked_list
    first = @client.popular(user_params: { gender: "f", age: "25-34" }, page: 1, limit: 5)
    assert_equal "popular", first["algorithm_used"]
    assert_operator first["items"].size, :<=, 5
    assert_equal 1, first["pagination"]["page"]
    refute first["pagination"]["has_previous"]
    second = @client.popular(user_params: { gender: "f", age: "25-34" }, page: 2, limit: 5)
    assert second["cache_hit"], "the second page of a computed list comes from the cache"
    assert_empty first["items"] & second["items"]
  end

  def test_personalized_for_a_known_user
    result = @client.personalized(user_id: 1, filters: { price_from: 0 }, limit: 10)
    assert_includes %w[popular content_based collaborative], result["algorithm_used"]
    assert_kind_of Array, result["items"]
  end

  # The seed design's Rails snippet, as written, through the top-level RecommendationClient.
  def test_the_seed_calls_as_written
    popular = RecommendationClient.get_popular_items(
      user_params: { gender: "f", age: "25-34", category: "electronics", geo_id: 213 },
      filters: { price_from: 500, price_to: 2000 },
      pagination: { page: 1, limit: 20 }
    )
    assert_equal "popular", popular["algorithm_used"]
    assert_equal 20, popular["pagination"]["limit"]
    personalized = RecommendationClient.get_personalized_recommendations(
      user_id: 1, geo_id: 213,
      filters: { price_from: 500, price_to: 2000 },
      pagination: { page: 2, limit: 5 }
    )
    assert_equal 2, personalized["pagination"]["page"]
    assert_equal 5, personalized["pagination"]["limit"]
    assert_operator personalized["items"].size, :<=, 5
  end

  def test_page_and_limit_keywords_still_work
    answer = @client.personalized(user_id: 1, page: 3, limit: 4)
    assert_equal 3, answer["pagination"]["page"]
    assert_equal 4, answer["pagination"]["limit"]
  end

  def test_a_reused_client_keeps_one_connection_alive
    client = MySanta::RecommendationClient.new(base_url: URL)
    10.times { |i| client.popular(user_params: { age: 20 + i }) }
    assert_equal 1, client.connections_opened
  end

  def test_validation_errors_carry_the_service_message_and_fields
    error = assert_raises(MySanta::RecommendationClient::ValidationError) do
      @client.popular(user_params: { gender: "x" }, limit: 5000)
    end
    assert_equal 422, error.status
    assert_equal "validation_error", error.code
    fields = error.details.map { |detail| detail["field"] }
    assert fields.any? { |field| field.include?("gender") }, fields.inspect
    assert fields.any? { |field| field.include?("limit") }, fields.inspect
  end

  def test_similar_presents_and_their_attributes
    popular = @client.popular(limit: 5)
    present_id = popular["items"].first
    similar = @client.similar_presents(present_id: present_id, limit: 10)
    assert_equal "similar", similar["algorithm_used"]
    refute_includes similar["items"], present_id
    presents = @client.presents(similar["items"] + [987_654_321])
    assert_equal similar["items"], presents.map { |present| present["id"] }
    presents.each do |present|
      assert_kind_of String, present["title"]
      assert present["is_active"]
      %w[price category platform gender age_group].each { |field| assert present.key?(field), field }
    end
    again = @client.similar_presents(present_id: present_id, limit: 10, page: 1)
    assert again["cache_hit"]
    by_class = RecommendationClient.similar_presents(present_id: present_id, user_id: 1, limit: 3)
    assert_operator by_class["items"].size, :<=, 3
  end

  def test_presents_takes_more_ids_than_one_request_holds
    ids = (1..250).to_a
    presents = @client.presents(ids)
    assert_operator presents.size, :>, 100
    assert_equal presents.map { |present| present["id"] }.sort, presents.map { |present| present["id"] }
  end

  def test_similar_for_an_unknown_present_is_not_found
    error = assert_raises(MySanta::RecommendationClient::NotFoundError) do
      @client.similar_presents(present_id: 987_654_321)
    end
    assert_equal 404, error.status
  end

  def test_unknown_user_profile_is_not_found
    assert_raises(MySanta::RecommendationClient::NotFoundError) do
      @client.user_profile(987_654_321)
    end
  end

  def test_known_user_profile
    profile = @client.user_profile(1)
    assert_equal 1, profile["user_id"]
    assert profile.key?("interaction_count")
  end

  def test_health_stats_metrics_and_openapi
    assert_includes %w[healthy degraded], @client.health["status"]
    assert @client.stats.key?("main_database")
    assert_includes @client.metrics, "mysanta_http_requests_total"
    assert_match(/\A3\./, @client.openapi["openapi"])
  end

  def test_admin_with_token_and_without
    answer = @client.refresh_popular_items
    assert_equal "popular_items", answer["job"]
    assert_equal "completed", answer["status"]
    wrong = MySanta::RecommendationClient.new(base_url: URL, admin_token: "wrong")
    assert_raises(MySanta::RecommendationClient::UnauthorizedError) { wrong.cleanup_cache }
  end

  def test_unreachable_service_raises_connection_error
    dead = MySanta::RecommendationClient.new(base_url: "http://127.0.0.1:9", timeout: 0.5)
    error = assert_raises(MySanta::RecommendationClient::ConnectionError) { dead.popular }
    assert_kind_of MySanta::RecommendationClient::Error, error
  end
end
