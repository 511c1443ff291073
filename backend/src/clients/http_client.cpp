#include "clients/http_client.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <ctime>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include <curl/curl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "clients/service_error.hpp"
#include "clients/token_bucket.hpp"

namespace pitstop {
namespace {

constexpr const char* kUserAgent = "PitStop (libcurl)";

void initialize_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialize");
  });
}

std::string to_lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kWhitespace = " \t\r\n";
  const auto first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kWhitespace);
  return text.substr(first, last - first + 1);
}

bool is_retryable_status(long status) { return status == 429 || (status >= 500 && status <= 599); }

// Transfer errors that a later attempt may not repeat. Certificate failures,
// malformed URLs and a response over the size limit are not among them.
bool is_retryable_transfer_error(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

// The wait that a Retry-After value requests: delay-seconds or an HTTP date.
// Returns nothing for a missing or unreadable value.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  long seconds = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error == std::errc() && end == value.data() + value.size()) {
    if (seconds < 0) return std::nullopt;
    return std::chrono::seconds(seconds);
  }
  const std::string date(value);
  const std::time_t when = curl_getdate(date.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  const std::time_t now = std::time(nullptr);
  return std::chrono::seconds(std::max<std::time_t>(0, when - now));
}

// Exponential backoff with "equal jitter": half the step is fixed and half
// random, so that clients that failed together do not retry together.
std::chrono::milliseconds backoff_delay(const HttpClientSettings& settings, int retry_index) {
  const double step_ms = std::min(static_cast<double>(settings.max_backoff.count()),
                                  static_cast<double>(settings.initial_backoff.count()) * std::pow(2.0, retry_index));
  thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_real_distribution<double> jitter(0.0, step_ms / 2.0);
  return std::chrono::milliseconds(static_cast<long long>(step_ms / 2.0 + jitter(generator)));
}

void check_settings(const HttpClientSettings& settings) {
  const std::string& name = settings.service_name;
  if (settings.max_attempts < 1 || settings.max_attempts > 20) {
    throw ClientConfigError(fmt::format("{}: invalid attempt count {}: use 1 to 20", name, settings.max_attempts));
  }
  if (settings.connect_timeout.count() <= 0 || settings.total_timeout.count() <= 0) {
    throw ClientConfigError(fmt::format("{}: the connect and total timeouts must be positive", name));
  }
  if (settings.initial_backoff.count() < 0 || settings.max_backoff < settings.initial_backoff ||
      settings.max_retry_after.count() < 0) {
    throw ClientConfigError(fmt::format(
        "{}: invalid backoff: the initial backoff and the Retry-After cap must be at least 0, and the maximum "
        "backoff at least the initial one",
        name));
  }
  if (!(settings.requests_per_second > 0.0) || !std::isfinite(settings.requests_per_second) ||
      !(settings.burst >= 1.0) || !std::isfinite(settings.burst)) {
    throw ClientConfigError(fmt::format(
        "{}: invalid request rate {}/s with burst {}: use a positive rate and a burst of at least 1", name,
        settings.requests_per_second, settings.burst));
  }
}

struct CurlEasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct CurlListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// Outcome of one attempt.
struct Attempt {
  CURLcode code = CURLE_OK;
  std::string error_text;  // curl's message when code is not CURLE_OK
  HttpResponse response;
  double elapsed_ms = 0.0;
  std::size_t max_body_bytes = 0;
  bool body_too_large = false;
};

}  // namespace

// DNS answers and TLS sessions shared by every easy handle of one client, so
// that a new handle per attempt does not repeat a full TLS handshake.
struct HttpClient::SharedCache {
  CURLSH* handle = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> mutexes;

  SharedCache() {
    handle = curl_share_init();
    if (handle == nullptr) throw std::bad_alloc();
    curl_share_setopt(handle, CURLSHOPT_LOCKFUNC, &SharedCache::lock);
    curl_share_setopt(handle, CURLSHOPT_UNLOCKFUNC, &SharedCache::unlock);
    curl_share_setopt(handle, CURLSHOPT_USERDATA, this);
    curl_share_setopt(handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(handle, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }
  ~SharedCache() { curl_share_cleanup(handle); }
  SharedCache(const SharedCache&) = delete;
  SharedCache& operator=(const SharedCache&) = delete;

  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<SharedCache*>(user)->mutexes.at(static_cast<std::size_t>(data)).lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* user) {
    static_cast<SharedCache*>(user)->mutexes.at(static_cast<std::size_t>(data)).unlock();
  }
};

namespace {

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* attempt = static_cast<Attempt*>(user);
  const std::size_t bytes = size * count;
  if (attempt->response.body.size() + bytes > attempt->max_body_bytes) {
    attempt->body_too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  attempt->response.body.append(data, bytes);
  return bytes;
}

std::size_t write_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* attempt = static_cast<Attempt*>(user);
  const std::size_t bytes = size * count;
  const std::string_view line(data, bytes);
  // A status line starts the headers of a new response (after a 100 Continue, say).
  if (line.starts_with("HTTP/")) {
    attempt->response.headers.clear();
    return bytes;
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return bytes;
  attempt->response.headers.emplace_back(to_lower(trim(line.substr(0, colon))),
                                         std::string(trim(line.substr(colon + 1))));
  return bytes;
}

}  // namespace

std::string HttpResponse::header(std::string_view lower_case_name) const {
  std::string value;
  for (const auto& [name, header_value] : headers) {
    if (name == lower_case_name) value = header_value;
  }
  return value;
}

HttpClient::HttpClient(std::string_view base_url, std::string_view base_url_setting, HttpClientSettings settings)
    : base_url_(validate_base_url(base_url, base_url_setting)), settings_(std::move(settings)) {
  check_settings(settings_);
  initialize_curl_once();
  rate_limit_ = std::make_unique<TokenBucket>(settings_.requests_per_second, settings_.burst);
  shared_cache_ = std::make_unique<SharedCache>();
}

HttpClient::~HttpClient() = default;

namespace {

Attempt perform_attempt(const HttpClientSettings& settings, CURLSH* shared_cache, const HttpRequest& request,
                        const std::string& url) {
  Attempt attempt;
  attempt.max_body_bytes = settings.max_response_bytes;
  const std::unique_ptr<CURL, CurlEasyDeleter> handle(curl_easy_init());
  if (!handle) throw std::bad_alloc();
  CURL* curl = handle.get();

  std::unique_ptr<curl_slist, CurlListDeleter> header_list;
  auto add_header = [&header_list](const std::string& line) {
    curl_slist* extended = curl_slist_append(header_list.get(), line.c_str());
    if (extended == nullptr) throw std::bad_alloc();
    static_cast<void>(header_list.release());
    header_list.reset(extended);
  };
  add_header("Accept: application/json");
  add_header("Expect:");  // no 100-continue round trip before a POST body
  for (const auto& [name, value] : request.headers) add_header(name + ": " + value);

  std::array<char, CURL_ERROR_SIZE> error_buffer{};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM, required with threads
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(settings.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, kUserAgent);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl can decode
  curl_easy_setopt(curl, CURLOPT_SHARE, shared_cache);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer.data());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &write_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &attempt);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &write_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &attempt);
  if (request.method == "POST") {
    add_header("Content-Type: " + request.content_type);
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list.get());

  const auto started = std::chrono::steady_clock::now();
  attempt.code = curl_easy_perform(curl);
  attempt.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();

  if (attempt.code == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &attempt.response.status);
  } else if (attempt.body_too_large) {
    attempt.error_text = fmt::format("the response is larger than {} bytes", settings.max_response_bytes);
  } else {
    attempt.error_text = error_buffer[0] != '\0' ? std::string(error_buffer.data()) : curl_easy_strerror(attempt.code);
  }
  return attempt;
}

}  // namespace

HttpResponse HttpClient::send(const HttpRequest& request) const {
  if (request.method != "GET" && request.method != "POST") {
    throw std::invalid_argument(fmt::format("HTTP method {} is not supported: use GET or POST", request.method));
  }
  std::string url = base_url_ + request.path;
  if (!request.query.empty()) {
    url.push_back('?');
    url += build_query_string(request.query);
  }

  const std::string& service = settings_.service_name;
  const int max_attempts = settings_.max_attempts;
  for (int attempt_number = 1;; ++attempt_number) {
    rate_limit_->acquire();
    Attempt attempt = perform_attempt(settings_, shared_cache_->handle, request, url);
    attempt.response.attempts = attempt_number;
    const bool received = attempt.code == CURLE_OK;
    const long status = attempt.response.status;
    const std::string outcome = received ? fmt::format("HTTP {}", status) : attempt.error_text;

    const bool retryable = received ? is_retryable_status(status) : is_retryable_transfer_error(attempt.code);
    if (!retryable || attempt_number >= max_attempts) {
      if (received && status >= 200 && status <= 299) {
        spdlog::debug("{}: {} {} -> {} in {:.0f} ms (attempt {}/{})", service, request.method, request.path, outcome,
                      attempt.elapsed_ms, attempt_number, max_attempts);
        return std::move(attempt.response);
      }
      const char* reason = retryable ? "giving up" : "not retried";
      spdlog::info("{}: {} {} -> {} in {:.0f} ms (attempt {}/{}, {})", service, request.method, request.path,
                   outcome, attempt.elapsed_ms, attempt_number, max_attempts, reason);
      if (received) return std::move(attempt.response);
      throw ServiceError(fmt::format("{}: {} {} failed after {} attempt{}: {}", service, request.method,
                                     request.path, attempt_number, attempt_number == 1 ? "" : "s", outcome));
    }

    std::chrono::milliseconds delay = backoff_delay(settings_, attempt_number - 1);
    const auto retry_after = received ? parse_retry_after(attempt.response.header("retry-after")) : std::nullopt;
    if (retry_after) delay = std::min(*retry_after, settings_.max_retry_after);
    spdlog::info("{}: {} {} -> {} in {:.0f} ms (attempt {}/{}); retrying in {} ms{}", service, request.method,
                 request.path, outcome, attempt.elapsed_ms, attempt_number, max_attempts, delay.count(),
                 retry_after ? " as Retry-After requests" : "");
    std::this_thread::sleep_for(delay);
  }
}

}  // namespace pitstop
