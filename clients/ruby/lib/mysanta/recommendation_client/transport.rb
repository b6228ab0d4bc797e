# frozen_string_literal: true

require "openssl"
require "socket"
require "uri"

module MySanta
  class RecommendationClient
    # Transport: HTTP/1.1 over kept-alive sockets, every byte read and written against one
    # deadline (a Process::CLOCK_MONOTONIC time), so a server that trickles its answer cannot
    # stretch a call past its timeout. Only what the service speaks: Content-Length and chunked
    # bodies, http and https.
    #
    # Thread-safe: idle connections wait in a pool guarded by a mutex; a connection is used by one
    # call at a time.
    class Transport
      # Raised inside the transport; the client turns them into its own errors.
      class DeadlineExceeded < StandardError; end
      class Failed < StandardError; end
      # The connection ended (or broke) before the answer's first byte.
      class NoAnswer < Failed; end
      IO_ERRORS = [SystemCallError, IOError, OpenSSL::SSL::SSLError].freeze

      Response = Struct.new(:status, :reason, :headers, :body)

      # Default: at most 8 idle connections kept per client.
      def initialize(base_url, connect_timeout:, pool_size: 8)
        uri = URI.parse(base_url)
        raise ArgumentError, "base_url must be http:// or https://, got #{base_url.inspect}" unless
          %w[http https].include?(uri.scheme) && uri.host
        @host = uri.host
        @port = uri.port
        @tls = uri.scheme == "https"
        @host_header = uri.port == uri.default_port ? uri.host : "#{uri.host}:#{uri.port}"
        @connect_timeout = connect_timeout
        @pool_size = pool_size
        @idle = []
        @mutex = Mutex.new
        @opened = 0
      end

      # Connections opened so far (reused ones are not counted again).
      def connections_opened = @mutex.synchronize { @opened }

      # One exchange. A kept-alive connection the server closed meanwhile is replaced once, when
      # not a byte of the answer had come back (the server never saw the request).
      def request(verb, path, headers:, body:, deadline:)
        socket, reused = checkout(deadline)
        begin
          response = exchange(socket, verb, path, headers, body, deadline)
        rescue NoAnswer => e
          close_quietly(socket)
          raise Failed, e.message unless reused

          socket = open(deadline)
          reused = false
          retry
        rescue StandardError
          close_quietly(socket)
          raise
        end
        checkin(socket, response)
        response
      end

      def close
        sockets = @mutex.synchronize { @idle.slice!(0..) }
        sockets.each { |socket| close_quietly(socket) }
      end

      private

      def checkout(deadline)
        socket = @mutex.synchronize { @idle.pop }
        return [socket, true] if socket

        [open(deadline), false]
      end

      def checkin(socket, response)
        keep = response.headers["connection"].to_s.downcase != "close"
        if keep
          keep = @mutex.synchronize { @idle.size < @pool_size && @idle.push(socket) }
        end
        close_quietly(socket) unless keep
      end

      def open(deadline)
        budget = [@connect_timeout, remaining(deadline)].min
        raise DeadlineExceeded, "no time left to connect to #{@host}:#{@port}" unless budget.positive?

        socket = Socket.tcp(@host, @port, connect_timeout: budget)
        socket.setsockopt(Socket::IPPROTO_TCP, Socket::TCP_NODELAY, 1)
        socket = start_tls(socket, deadline) if @tls
        @mutex.synchronize { @opened += 1 }
        socket
      rescue Errno::ETIMEDOUT => e
        raise DeadlineExceeded, "connecting to #{@host}:#{@port}: #{e.message}"
      rescue SystemCallError, SocketError => e
        raise Failed, "connecting to #{@host}:#{@port}: #{e.message}"
      end

      def start_tls(socket, deadline)
        require "openssl"
        tls = OpenSSL::SSL::SSLSocket.new(socket, OpenSSL::SSL::SSLContext.new.tap(&:set_params))
        tls.hostname = @host
        tls.sync_close = true
        loop do
          case tls.connect_nonblock(exception: false)
          when :wait_readable then wait(tls, :read, deadline)
          when :wait_writable then wait(tls, :write, deadline)
          else break
          end
        end
        tls.post_connection_check(@host)
        tls
      rescue OpenSSL::SSL::SSLError => e
        socket.close
        raise Failed, "TLS with #{@host}: #{e.message}"
      end

      def exchange(socket, verb, path, headers, body, deadline)
        reader = Reader.new(socket, deadline, self)
        begin
          write_all(socket, request_text(verb, path, headers, body), deadline)
          status_line = reader.line
        rescue *IO_ERRORS => e
          raise NoAnswer, e.message
        end
        raise NoAnswer, "connection closed before an answer" if status_line.nil?

        version, status, reason = status_line.split(" ", 3)
        raise Failed, "not an HTTP answer: #{status_line[0, 60].inspect}" unless version&.start_with?("HTTP/")

        response_headers = read_headers(reader)
        response_headers["connection"] ||= "close" if version == "HTTP/1.0"
        Response.new(status.to_i, reason.to_s.strip, response_headers,
                     read_body(reader, verb, status.to_i, response_headers))
      rescue *IO_ERRORS => e
        raise Failed, e.message
      end

      def request_text(verb, path, headers, body)
        lines = ["#{verb} #{path} HTTP/1.1", "Host: #{@host_header}", "Connection: keep-alive"]
        headers.each { |name, value| lines << "#{name}: #{value}" }
        lines << "Content-Length: #{body.bytesize}" if body
        text = +"#{lines.join("\r\n")}\r\n\r\n"
        text << body if body
        text.b
      end

      def read_headers(reader)
        headers = {}
        while (line = reader.line)
          break if line.empty?

          name, value = line.split(":", 2)
          headers[name.strip.downcase] = value.to_s.strip if value
        end
        headers
      end

      def read_body(reader, verb, status, headers)
        return +"" if verb == "HEAD" || status == 204 || status == 304 || (100..199).cover?(status)

        if headers["transfer-encoding"].to_s.downcase.include?("chunked")
          read_chunked(reader)
        elsif headers["content-length"]
          reader.exactly(Integer(headers["content-length"], 10))
        else
          headers["connection"] = "close" # the body ends with the connection
          reader.rest
        end
      end

      def read_chunked(reader)
        body = +""
        loop do
          size = Integer(reader.line.to_s.split(";").first.to_s.strip, 16)
          if size.zero?
            nil while (line = reader.line) && !line.empty? # trailers
            return body
          end
          body << reader.exactly(size)
          reader.line
        end
      rescue ArgumentError
        raise Failed, "malformed chunked body"
      end

      def write_all(socket, data, deadline)
        until data.empty?
          written = socket.write_nonblock(data, exception: false)
          case written
          when :wait_writable then wait(socket, :write, deadline)
          when :wait_readable then wait(socket, :read, deadline)
          else data = data.byteslice(written..)
          end
        end
      end

      public

      # Waits until `socket` can be read (or written), at most until the deadline.
      def wait(socket, direction, deadline)
        left = remaining(deadline)
        ready = left.positive? &&
                (direction == :read ? socket.to_io.wait_readable(left) : socket.to_io.wait_writable(left))
        raise DeadlineExceeded, "no answer within the deadline" unless ready
      end

      def remaining(deadline)
        deadline - Process.clock_gettime(Process::CLOCK_MONOTONIC)
      end

      private

      def close_quietly(socket)
        socket&.close
      rescue StandardError
        nil
      end

      # Buffered reads of one answer, each against the deadline.
      class Reader
        def initialize(socket, deadline, transport)
          @socket = socket
          @deadline = deadline
          @transport = transport
          @buffer = +"".b
          @eof = false
        end

        # The next line without its CRLF; nil at end of stream.
        def line
          until (index = @buffer.index("\r\n"))
            return (@buffer.empty? ? nil : @buffer.slice!(0..)) if @eof

            fill
          end
          @buffer.slice!(0, index + 2).chomp("\r\n")
        end

        def exactly(count)
          fill while @buffer.bytesize < count && !@eof
          raise Failed, "connection closed in the middle of the body" if @buffer.bytesize < count

          @buffer.slice!(0, count)
        end

        def rest
          fill until @eof
          @buffer.slice!(0..)
        end

        private

        def fill
          chunk = @socket.read_nonblock(16_384, exception: false)
          case chunk
          when :wait_readable then @transport.wait(@socket, :read, @deadline)
          when :wait_writable then @transport.wait(@socket, :write, @deadline)
          when nil then @eof = true
          else @buffer << chunk
          end
        end
      end
    end
  end
end
