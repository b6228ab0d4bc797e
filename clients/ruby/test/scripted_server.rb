# frozen_string_literal: true

require "socket"

# ScriptedServer: a loopback HTTP server whose behaviour a test scripts, for what the live service
# will not do on demand (answer slowly, answer 503, close kept-alive connections). Each accepted
# connection's requests are passed with the connection's number to the block, which writes the
# answer itself. Stopped by #stop (tests call it in teardown).
class ScriptedServer
  attr_reader :port, :connections, :requests

  def initialize(&handler)
    @server = TCPServer.new("127.0.0.1", 0)
    @port = @server.addr[1]
    @handler = handler
    @connections = 0
    @requests = 0
    @threads = []
    @acceptor = Thread.new { accept_loop }
  end

  def url = "http://127.0.0.1:#{@port}"

  def stop
    @server.close
    @acceptor.join
    @threads.each(&:kill).each(&:join)
  end

  # Writes a complete JSON answer.
  def self.answer(socket, status, body, close: false)
    text = body.is_a?(String) ? body : JSON.generate(body)
    socket.write("HTTP/1.1 #{status} X\r\nContent-Type: application/json\r\n" \
                 "Content-Length: #{text.bytesize}\r\n#{close ? "Connection: close\r\n" : ""}\r\n#{text}")
  end

  private

  def accept_loop
    loop do
      socket = @server.accept
      @connections += 1
      number = @connections
      @threads << Thread.new { serve(socket, number) }
    end
  rescue IOError, SystemCallError
    nil # closed by #stop
  end

  def serve(socket, number)
    while (request = read_request(socket))
      @requests += 1
      break if @handler.call(socket, number, request) == :close
    end
  rescue IOError, SystemCallError
    nil
  ensure
    socket.close
  end

  # The request line, headers and body; nil at end of stream.
  def read_request(socket)
    line = socket.gets or return nil
    headers = {}
    while (header = socket.gets) && header != "\r\n"
      name, value = header.split(":", 2)
      headers[name.downcase] = value.strip
    end
    body = socket.read(headers.fetch("content-length", "0").to_i)
    { line: line.strip, headers: headers, body: body }
  end
end
