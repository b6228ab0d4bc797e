# frozen_string_literal: true

require_relative "lib/mysanta/recommendation_client/version"

Gem::Specification.new do |spec|
  spec.name = "mysanta-recommendation_client"
  spec.version = MySanta::RecommendationClient::VERSION
  spec.summary = "Client of the MySanta recommendation service (popular, personalized, similar presents)"
  spec.description = "Calls the MySanta recommendation service from Rails: one deadline per call, " \
                     "kept-alive connections, opt-in retries with jittered backoff, a fallback " \
                     "for when the service is down. Standard library only."
  spec.authors = ["MySanta"]
  spec.license = "MIT"
  spec.required_ruby_version = ">= 3.0"
  spec.files = Dir[File.join(__dir__, "lib/**/*.rb")].map { |path| path.delete_prefix("#{__dir__}/") } +
               ["README.md"]
  spec.require_paths = ["lib"]
  spec.metadata["rubygems_mfa_required"] = "true"
end
