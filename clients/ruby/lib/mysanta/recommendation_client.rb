# frozen_string_literal: true

# Ruby client of the MySanta recommendation service (SPEC section 5), for the Rails app.
#
#   client = MySanta::RecommendationClient.new(base_url: "http://recs.internal:8001")
#   client.popular(user_params: { gender: "f", age: "25-34" }, filters: { price_to: 2000 })
#   client.personalized(user_id: 123, page: 2, limit: 20)
#
# Every call has a connect timeout and an overall timeout. A response other than 2xx raises an
# Error subclass carrying the service's own error code, message and field details; a network
# failure or timeout raises ConnectionError. Instances are thread-safe: each call opens its own
# HTTP request (keep-alive pooling is left to the caller's HTTP stack).
require "http"
require "json"

module MySanta
  class RecommendationClient
    DEFAULT_URL = "http://localhost:8001"

    # The service answered with an error body: {"error", "message", "details"}.
    class Error < StandardError
      attr_reader :status, :code, :details

      def initialize(status:, code:, message:, details: [])
        super("#{status} #{code}: #{message}")
        @status = status
        @code = code
        @details = details || []
      end
    end
    class BadRequestError < Error; end          # 400
    class UnauthorizedError < Error; end        # 401, 403
    class NotFoundError < Error; end            # 404, 405
    class ConflictError < Error; end            # 409: that job is already running
    class PayloadTooLargeError < Error; end     # 413
    class ValidationError < Error; end          # 422: details name the fields at fault
    class UnavailableError < Error; end         # 503: a dependency is down, or still starting
    # No answer: the service is unreachable or too slow.
    class ConnectionError < StandardError; end

    ERRORS_BY_STATUS = {
      400 => BadRequestError, 401 => UnauthorizedError, 403 => UnauthorizedError,
      404 => NotFoundError, 405 => NotFoundError, 409 => ConflictError,
      413 => PayloadTooLargeError, 422 => ValidationError, 503 => UnavailableError
    }.freeze

    attr_reader :base_url

    # timeout: seconds for a whole recommendation call (default 2);
    # admin_timeout: for admin calls, which run a job before answering (default 300).
    def initialize(base_url: ENV.fetch("RECOMMENDATION_SERVICE_URL", DEFAULT_URL),
                   timeout: 2.0, connect_timeout: 0.5, admin_timeout: 300.0,
                   admin_token: ENV["RECOMMENDATION_ADMIN_TOKEN"])
      @base_url = base_url.chomp("/")
      @timeout = timeout
      @connect_timeout = connect_timeout
      @admin_timeout = admin_timeout
      @admin_token = admin_token
    end

    # Popular presents for a demographic segment. Returns the parsed response Hash:
    # "items", "pagination", "computation_time_ms", "algorithm_used", "cache_hit".
    def popular(user_params: {}, filters: {}, page: nil, limit: nil)
      post("/popular", compact(user_params: compact(user_params), filters: compact(filters),
                               pagination: pagination(page, limit)))
    end

    # Presents for one user, never one they liked.
    def personalized(user_id:, geo_id: nil, filters: {}, page: nil, limit: nil)
      post("/personalized", compact(user_id: user_id, geo_id: geo_id, filters: compact(filters),
                                    pagination: pagination(page, limit)))
    end

    def user_profile(user_id)
      get("/user-profile/#{URI.encode_www_form_component(user_id.to_s)}")
    end

    # Health answers 503 when unhealthy; that is a result here, not an error.
    def health
      response = request(:get, "/health", timeout: @timeout)
      JSON.parse(response.body.to_s)
    end

    def stats = get("/stats")
    def openapi = get("/openapi.json")
    def metrics = request(:get, "/metrics", timeout: @timeout).tap { |r| raise_for(r) }.body.to_s

    def refresh_popular_items = admin("/admin/refresh-popular-items")
    def update_user_profiles = admin("/admin/update-user-profiles")
    def update_user_similarities = admin("/admin/update-user-similarities")
    def cleanup_cache = admin("/admin/cleanup-cache")
    def refresh_all = admin("/admin/refresh-all")

    # The seed design's class-level calls, kept for existing Rails code.
    def self.get_popular_items(user_params:, **options)
      new.popular(user_params: user_params, **options)
    end

    def self.get_personalized_recommendations(user_id:, geo_id: nil, **options)
      new.personalized(user_id: user_id, geo_id: geo_id, **options)
    end

    private

    def pagination(page, limit)
      compact(page: page, limit: limit)
    end

    def compact(hash)
      hash.reject { |_, value| value.nil? || (value.respond_to?(:empty?) && value.empty?) }
    end

    def get(path)
      parse(request(:get, path, timeout: @timeout))
    end

    def post(path, body)
      parse(request(:post, path, timeout: @timeout, json: body))
    end

    def admin(path)
      headers = @admin_token ? { "Authorization" => "Bearer #{@admin_token}" } : {}
      parse(request(:post, path, timeout: @admin_timeout, headers: headers))
    end

    def request(verb, path, timeout:, json: nil, headers: {})
      http = HTTP.timeout(connect: @connect_timeout, write: timeout, read: timeout)
                 .headers({ "Accept" => "application/json" }.merge(headers))
      options = json.nil? ? {} : { json: json }
      http.public_send(verb, "#{@base_url}#{path}", **options)
    rescue HTTP::TimeoutError, HTTP::ConnectionError, SystemCallError, IOError => e
      raise ConnectionError, "#{verb.upcase} #{@base_url}#{path}: #{e.message}"
    end

    def parse(response)
      raise_for(response)
      JSON.parse(response.body.to_s)
    end

    def raise_for(response)
      return if response.status.success?

      body = begin
        JSON.parse(response.body.to_s)
      rescue JSON::ParserError
        {}
      end
      klass = ERRORS_BY_STATUS.fetch(response.code, Error)
      raise klass.new(status: response.code, code: body["error"] || "http_#{response.code}",
                      message: body["message"] || response.reason.to_s,
                      details: body["details"])
    end
  end
end
