# frozen_string_literal: true

# Ruby client of the MySanta recommendation service (SPEC section 5), for the Rails app.
#
#   client = MySanta::RecommendationClient.new(base_url: "http://recs.internal:8001",
#                                               retries: 2) { |error| STATIC_ANSWER }
#   client.get_popular_items(user_params: { gender: "f", age: "25-34" },
#                            filters: { price_to: 2000 }, pagination: { page: 1, limit: 20 })
#   client.get_personalized_recommendations(user_id: 123, geo_id: 213, page: 2)
#   client.similar_presents(present_id: 42, limit: 10)
#   client.presents([1, 2, 3])  # => [{"id" => 1, "title" => ..., "price" => ...}, ...]
#
# The seed design's class-level calls (RecommendationClient.get_popular_items(...)) use a shared
# client configured from the environment (RecommendationClient.default= replaces it).
#
# Every call has one deadline (`timeout`, default 2 s) for all of its work: connecting, writing,
# reading every byte, retries and their pauses. A response other than 2xx raises a ResponseError
# subclass carrying the service's error code, message and field details; no answer raises
# ConnectionError (TimeoutError when the deadline passed). All are RecommendationClient::Error.
# With `retries: N`, a 503 or a connection failure is tried again up to N times after a jittered
# exponential pause, while the deadline allows. A fallback (a block given to the call, else the
# client's) answers instead of raising when the service is unreachable or unavailable (no answer,
# 5xx); it receives the error.
#
# Thread-safe: one client may serve every thread of a Rails process; it keeps its connections
# alive (a small pool) and reuses them across calls.
require "json"
require "uri"
require_relative "recommendation_client/transport"
require_relative "recommendation_client/version"

module MySanta
  class RecommendationClient
    DEFAULT_URL = "http://localhost:8001"

    # Every error this client raises.
    class Error < StandardError
      attr_reader :status, :code, :details

      def initialize(message = nil, status: nil, code: nil, details: [])
        super(message)
        @status = status
        @code = code
        @details = details || []
      end
    end

    # The service answered with an error body: {"error", "message", "details"}.
    class ResponseError < Error
      def initialize(status:, code:, message:, details: [])
        super("#{status} #{code}: #{message}", status: status, code: code, details: details)
      end
    end
    class BadRequestError < ResponseError; end          # 400
    class UnauthorizedError < ResponseError; end        # 401, 403
    class NotFoundError < ResponseError; end            # 404 (also an unknown present), 405
    class ConflictError < ResponseError; end            # 409: that job is already running
    class PayloadTooLargeError < ResponseError; end     # 413
    class ValidationError < ResponseError; end          # 422: details name the fields at fault
    class ServerError < ResponseError; end              # any other 5xx
    class UnavailableError < ServerError; end           # 503: a dependency is down, or starting
    # No answer: the service is unreachable, or the connection broke.
    class ConnectionError < Error; end
    # No answer within the call's deadline.
    class TimeoutError < ConnectionError; end

    ERRORS_BY_STATUS = {
      400 => BadRequestError, 401 => UnauthorizedError, 403 => UnauthorizedError,
      404 => NotFoundError, 405 => NotFoundError, 409 => ConflictError,
      413 => PayloadTooLargeError, 422 => ValidationError, 503 => UnavailableError
    }.freeze

    # Most ids GET /presents takes at once (the service's MAX_PAGE_SIZE, 100 by default).
    PRESENTS_PER_REQUEST = 100

    attr_reader :base_url, :timeout, :retries

    # timeout: seconds for a whole call, retries included (default 2);
    # connect_timeout: for opening one connection, within the deadline (default 0.5);
    # admin_timeout: for admin calls, which run a job before answering (default 300);
    # retries: extra attempts after a 503 or a connection failure (default 0: none);
    # retry_delay: first pause before a retry, doubled each time, with full jitter (default 0.05);
    # max_retry_delay: longest pause (default 1); pool_size: idle connections kept (default 8);
    # fallback (or a block): called with the error when the service cannot answer.
    def initialize(base_url: ENV.fetch("RECOMMENDATION_SERVICE_URL", DEFAULT_URL),
                   timeout: 2.0, connect_timeout: 0.5, admin_timeout: 300.0,
                   admin_token: ENV["RECOMMENDATION_ADMIN_TOKEN"], retries: 0,
                   retry_delay: 0.05, max_retry_delay: 1.0, pool_size: 8, fallback: nil, &block)
      @base_url = base_url.chomp("/")
      @timeout = Float(timeout)
      @admin_timeout = Float(admin_timeout)
      @admin_token = admin_token
      @retries = Integer(retries)
      @retry_delay = Float(retry_delay)
      @max_retry_delay = Float(max_retry_delay)
      @fallback = fallback || block
      @transport = Transport.new(@base_url, connect_timeout: Float(connect_timeout),
                                            pool_size: pool_size)
    end

    # Popular presents for a demographic segment. Returns the parsed response Hash:
    # "items", "pagination", "computation_time_ms", "algorithm_used", "cache_hit".
    # Options beyond these (and future request fields) go into the JSON body as given.
    def popular(user_params: {}, filters: {}, pagination: {}, page: nil, limit: nil, **options,
                &fallback)
      body = { user_params: user_params, filters: filters,
               pagination: paging(pagination, page, limit), **options }
      call(:post, "/popular", body, fallback)
    end
    alias get_popular_items popular

    # Presents for one user, never one they liked. geo_id: default the user's own region.
    def personalized(user_id:, geo_id: nil, filters: {}, pagination: {}, page: nil, limit: nil,
                     **options, &fallback)
      body = { user_id: user_id, geo_id: geo_id, filters: filters,
               pagination: paging(pagination, page, limit), **options }
      call(:post, "/personalized", body, fallback)
    end
    alias get_personalized_recommendations personalized

    # "People who liked this also liked": presents for a present's page. With user_id, that
    # user's likes are left out. An unknown present raises NotFoundError.
    def similar_presents(present_id:, user_id: nil, geo_id: nil, filters: {}, pagination: {},
                         page: nil, limit: nil, **options, &fallback)
      body = { present_id: present_id, user_id: user_id, geo_id: geo_id, filters: filters,
               pagination: paging(pagination, page, limit), **options }
      call(:post, "/similar", body, fallback)
    end

    # The presents' attributes ("id", "title", "price", "category", "platform", "gender",
    # "age_group", "geo_id", "is_active"), in the order asked, unknown ids left out; any number
    # of ids (asked PRESENTS_PER_REQUEST at a time).
    def presents(ids)
      ids = Array(ids).uniq
      ids.each_slice(PRESENTS_PER_REQUEST).flat_map do |slice|
        # Commas separate the ids; each id is percent-encoded (a text id may hold a comma).
        list = slice.map { |id| URI.encode_www_form_component(id.to_s) }.join(",")
        call(:get, "/presents?ids=#{list}", nil, nil)["presents"]
      end
    end

    def user_profile(user_id)
      call(:get, "/user-profile/#{URI.encode_www_form_component(user_id.to_s)}", nil, nil)
    end

    # Health answers 503 when unhealthy; that is a result here, not an error.
    def health
      JSON.parse(exchange(:get, "/health", nil, deadline_in(@timeout)).body)
    end

    def stats = call(:get, "/stats", nil, nil)
    def openapi = call(:get, "/openapi.json", nil, nil)

    def metrics
      response = exchange(:get, "/metrics", nil, deadline_in(@timeout))
      raise_for(response)
      response.body
    end

    def refresh_popular_items = admin("/admin/refresh-popular-items")
    def update_user_profiles = admin("/admin/update-user-profiles")
    def update_user_similarities = admin("/admin/update-user-similarities")
    def cleanup_cache = admin("/admin/cleanup-cache")
    def refresh_all = admin("/admin/refresh-all")

    # Connections opened so far: stays at 1 for sequential calls on a kept-alive connection.
    def connections_opened = @transport.connections_opened

    # Closes the idle connections (later calls open new ones).
    def close = @transport.close

    # The shared client behind the class-level calls: from RECOMMENDATION_SERVICE_URL (read when
    # it is first needed, and again if the variable changes) unless one was set.
    @default_mutex = Mutex.new
    class << self
      def default
        @default_mutex.synchronize do
          url = ENV.fetch("RECOMMENDATION_SERVICE_URL", DEFAULT_URL).chomp("/")
          @default = nil if @default && !@default_set && @default.base_url != url
          @default ||= new(base_url: url)
        end
      end

      def default=(client)
        @default_mutex.synchronize do
          @default = client
          @default_set = !client.nil?
        end
      end

      # The seed design's calls, as its Rails snippet writes them.
      def get_popular_items(user_params: {}, **options, &fallback)
        default.popular(user_params: user_params, **options, &fallback)
      end

      def get_personalized_recommendations(user_id:, geo_id: nil, **options, &fallback)
        default.personalized(user_id: user_id, geo_id: geo_id, **options, &fallback)
      end

      def similar_presents(present_id:, **options, &fallback)
        default.similar_presents(present_id: present_id, **options, &fallback)
      end

      def presents(ids) = default.presents(ids)
    end

    private

    # pagination: {page:, limit:} as the seed writes it; page:/limit: keywords win.
    def paging(pagination, page, limit)
      merged = (pagination || {}).transform_keys(&:to_sym)
      merged[:page] = page unless page.nil?
      merged[:limit] = limit unless limit.nil?
      merged
    end

    def compact(value)
      case value
      when Hash
        value.each_with_object({}) do |(key, item), out|
          item = compact(item)
          out[key] = item unless item.nil? || (item.is_a?(Hash) && item.empty?)
        end
      else value
      end
    end

    # A retried call with its fallback. Only failures of the service (no answer, 5xx) fall back:
    # a 4xx is the caller's mistake and raises.
    def call(verb, path, body, fallback)
      deadline = deadline_in(@timeout)
      attempt = 0
      begin
        response = exchange(verb, path, body && compact(body), deadline)
        raise_for(response)
        JSON.parse(response.body)
      rescue ConnectionError, UnavailableError => e
        attempt += 1
        retry if attempt <= @retries && pause_before_retry(attempt, deadline)
        fall_back(e, fallback)
      rescue ServerError => e
        fall_back(e, fallback)
      end
    end

    def fall_back(error, fallback)
      handler = fallback || @fallback
      raise error unless handler

      handler.call(error)
    end

    # Sleeps a jittered exponential pause when it ends before the deadline; false otherwise.
    def pause_before_retry(attempt, deadline)
      ceiling = [@retry_delay * (2**(attempt - 1)), @max_retry_delay].min
      pause = rand * ceiling
      return false if @transport.remaining(deadline) <= pause

      sleep(pause)
      true
    end

    def admin(path)
      headers = @admin_token ? { "Authorization" => "Bearer #{@admin_token}" } : {}
      response = exchange(:post, path, nil, deadline_in(@admin_timeout), headers)
      raise_for(response)
      JSON.parse(response.body)
    end

    def deadline_in(seconds)
      Process.clock_gettime(Process::CLOCK_MONOTONIC) + seconds
    end

    def exchange(verb, path, body, deadline, headers = {})
      headers = { "Accept" => "application/json" }.merge(headers)
      text = nil
      unless body.nil?
        text = JSON.generate(body)
        headers["Content-Type"] = "application/json"
      end
      @transport.request(verb.to_s.upcase, path, headers: headers, body: text, deadline: deadline)
    rescue Transport::DeadlineExceeded => e
      raise TimeoutError, "#{verb.upcase} #{@base_url}#{path}: #{e.message}"
    rescue Transport::Failed => e
      raise ConnectionError, "#{verb.upcase} #{@base_url}#{path}: #{e.message}"
    end

    def raise_for(response)
      return if (200..299).cover?(response.status)

      body = begin
        JSON.parse(response.body)
      rescue JSON::ParserError
        {}
      end
      body = {} unless body.is_a?(Hash)
      klass = ERRORS_BY_STATUS.fetch(response.status) do
        response.status >= 500 ? ServerError : ResponseError
      end
      raise klass.new(status: response.status, code: body["error"] || "http_#{response.status}",
                      message: body["message"] || response.reason,
                      details: body["details"])
    end
  end
end
