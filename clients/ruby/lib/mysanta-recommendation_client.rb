# frozen_string_literal: true

# What Bundler requires for `gem "mysanta-recommendation_client"`: the client, and the top-level
# RecommendationClient name the seed design's Rails snippet calls (unless the app defines its own).
require_relative "mysanta/recommendation_client"

RecommendationClient = MySanta::RecommendationClient unless defined?(RecommendationClient)
