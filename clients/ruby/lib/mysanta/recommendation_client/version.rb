# frozen_string_literal: true

module MySanta
  class RecommendationClient
    VERSION = "1.1.0"
  end
end
