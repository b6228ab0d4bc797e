# frozen_string_literal: true

# The client's deadline, retries, fallback and kept-alive connections, against scripted loopback
# servers (tests/ruby/run-client-test runs these with the live-service tests).
require "json"
require "minitest/autorun"
require_relative "../lib/mysanta-recommendation_client"
require_relative "scripted_server"

class ResilienceTest < Minitest::Test
  Client = MySanta::RecommendationClient
  ANSWER = { "items" => [1, 2], "pagination" => { "page" => 1 }, "algorithm_used" => "popular",
             "cache_hit" => false, "computation_time_ms" => 0.1 }.freeze

  def teardown
    @server&.stop
  end

  def monotonic = Process.clock_gettime(Process::CLOCK_MONOTONIC)

  def test_the_deadline_holds_against_a_server_that_trickles_its_answer
    @server = ScriptedServer.new do |socket, _, _|
      head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n"
      head.each_char { |char| socket.write(char) && sleep(1.5) } # a byte every 1.5 s
      :close
    end
    client = Client.new(base_url: @server.url, timeout: 2)
    started = monotonic
    error = assert_raises(Client::TimeoutError) { client.popular }
    elapsed = monotonic - started
    # Per socket operation, the call would last 1.5 s a byte (the header alone: over 100 s).
    assert_operator elapsed, :<, 3.0, "a 2 s call took #{elapsed.round(2)} s"
    assert_kind_of Client::Error, error
    assert_kind_of Client::ConnectionError, error
  end

  def test_the_deadline_covers_a_body_that_trickles
    @server = ScriptedServer.new do |socket, _, _|
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{")
      20.times { sleep(0.4) && socket.write(" ") }
      :close
    end
    client = Client.new(base_url: @server.url, timeout: 1)
    started = monotonic
    assert_raises(Client::TimeoutError) { client.popular }
    assert_operator monotonic - started, :<, 2.0 # the body alone takes 8 s
  end

  def test_a_refusing_port_is_a_connection_error_at_once
    port = free_port
    client = Client.new(base_url: "http://127.0.0.1:#{port}", timeout: 2)
    started = monotonic
    error = assert_raises(Client::ConnectionError) { client.personalized(user_id: 1) }
    assert_operator monotonic - started, :<, 1.5 # no waiting for the 2 s deadline
    assert_kind_of Client::Error, error
    refute_kind_of Client::TimeoutError, error
    assert_match(/127\.0\.0\.1:#{port}/, error.message)
  end

  def test_a_503_is_retried_with_backoff_when_retries_are_asked
    @server = ScriptedServer.new do |socket, _, _|
      if @server.requests <= 2
        ScriptedServer.answer(socket, 503, { error: "unavailable", message: "starting", details: [] })
      else
        ScriptedServer.answer(socket, 200, ANSWER)
      end
    end
    client = Client.new(base_url: @server.url, retries: 3, retry_delay: 0.05)
    assert_equal [1, 2], client.popular(limit: 2)["items"]
    assert_equal 3, @server.requests
  end

  def test_without_retries_a_503_raises_unavailable_with_the_service_message
    @server = ScriptedServer.new do |socket, _, _|
      ScriptedServer.answer(socket, 503, { error: "unavailable", message: "redis down", details: [] })
    end
    error = assert_raises(Client::UnavailableError) { Client.new(base_url: @server.url).popular }
    assert_equal 503, error.status
    assert_equal "unavailable", error.code
    assert_match(/redis down/, error.message)
    assert_equal 1, @server.requests
  end

  def test_retries_stop_at_the_deadline
    @server = ScriptedServer.new do |socket, _, _|
      ScriptedServer.answer(socket, 503, { error: "unavailable", message: "down", details: [] })
    end
    client = Client.new(base_url: @server.url, timeout: 0.5, retries: 1000, retry_delay: 0.05,
                        max_retry_delay: 0.1)
    started = monotonic
    assert_raises(Client::UnavailableError) { client.popular }
    assert_operator monotonic - started, :<, 1.5 # 1,000 retries would take far longer
    assert_operator @server.requests, :>, 1
  end

  def test_a_refused_connection_is_retried_then_falls_back
    client = Client.new(base_url: "http://127.0.0.1:#{free_port}", retries: 2) do |error|
      { "items" => [7, 8, 9], "algorithm_used" => "fallback", "error" => error.class.name }
    end
    answer = client.get_popular_items(user_params: { gender: "f" })
    assert_equal [7, 8, 9], answer["items"]
    assert_equal "MySanta::RecommendationClient::ConnectionError", answer["error"]
  end

  def test_a_block_given_to_the_call_is_its_fallback
    client = Client.new(base_url: "http://127.0.0.1:#{free_port}")
    answer = client.personalized(user_id: 5) { |_error| { "items" => [] } }
    assert_equal({ "items" => [] }, answer)
  end

  def test_a_validation_error_never_falls_back
    @server = ScriptedServer.new do |socket, _, _|
      ScriptedServer.answer(socket, 422, { error: "validation_error", message: "bad", details: [] })
    end
    client = Client.new(base_url: @server.url, retries: 3) { |_error| flunk "no fallback for a 422" }
    assert_raises(Client::ValidationError) { client.popular(limit: 0) }
    assert_equal 1, @server.requests
  end

  def test_calls_reuse_one_kept_alive_connection
    @server = ScriptedServer.new { |socket, _, _| ScriptedServer.answer(socket, 200, ANSWER) }
    client = Client.new(base_url: @server.url)
    5.times { client.popular }
    assert_equal 1, @server.connections
    assert_equal 1, client.connections_opened
  end

  def test_a_connection_the_server_closed_while_idle_is_replaced_transparently
    @server = ScriptedServer.new do |socket, _, _|
      ScriptedServer.answer(socket, 200, ANSWER)
      :close # without saying Connection: close, as a server's idle timeout does
    end
    client = Client.new(base_url: @server.url)
    client.popular
    sleep 0.1
    assert_equal [1, 2], client.popular["items"]
    assert_equal 2, @server.connections
  end

  def test_the_request_body_carries_the_seed_call_as_written
    bodies = []
    @server = ScriptedServer.new do |socket, _, request|
      bodies << JSON.parse(request[:body])
      ScriptedServer.answer(socket, 200, ANSWER)
    end
    client = Client.new(base_url: @server.url)
    client.get_popular_items(user_params: { gender: "f", age: "25-34", category: "electronics",
                                            geo_id: 213 },
                             filters: { price_from: 500, price_to: 2000 },
                             pagination: { page: 1, limit: 20 })
    client.get_personalized_recommendations(user_id: 123, geo_id: 213,
                                            filters: { category: "books", exclude_ids: [4] },
                                            pagination: { page: 2, limit: 5 }, limit: 10)
    assert_equal({ "user_params" => { "gender" => "f", "age" => "25-34", "category" => "electronics",
                                      "geo_id" => 213 },
                   "filters" => { "price_from" => 500, "price_to" => 2000 },
                   "pagination" => { "page" => 1, "limit" => 20 } }, bodies[0])
    assert_equal({ "user_id" => 123, "geo_id" => 213,
                   "filters" => { "category" => "books", "exclude_ids" => [4] },
                   "pagination" => { "page" => 2, "limit" => 10 } }, bodies[1])
  end

  private

  def free_port
    server = TCPServer.new("127.0.0.1", 0)
    port = server.addr[1]
    server.close
    port
  end
end
