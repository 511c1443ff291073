#include "store/refresh_run_log.hpp"


namespace pitstop {

std::string_view to_string(RefreshOutcome outcome) {
  switch (outcome) {
    case RefreshOutcome::Succeeded:
      return "succeeded";
    case RefreshOutcome::Failed:
      return "failed";
    case RefreshOutcome::Rejected:
      return "rejected";
  }
  return "failed";
}

std::int64_t start_refresh_run(pqxx::connection& connection, std::string_view source) {
  pqxx::work transaction(connection);
  const auto id = transaction
                      .exec_params1("INSERT INTO refresh_runs (started_at, source, outcome) "
                                    "VALUES (now(), $1, 'running') RETURNING id",
                                    std::string(source))[0]
                      .as<std::int64_t>();
  transaction.commit();
  return id;
}

void finish_refresh_run(pqxx::transaction_base& transaction, std::int64_t run_id, RefreshOutcome outcome,
                        const RefreshRunCounts& counts, std::string_view error_message) {
  const std::optional<std::string> message =
      error_message.empty() ? std::nullopt : std::optional<std::string>(error_message);
  transaction.exec_params(
      "UPDATE refresh_runs SET finished_at = clock_timestamp(), outcome = $2, records_fetched = $3, "
      "records_inserted = $4, records_updated = $5, records_removed = $6, records_rejected = $7, "
      "error_message = $8 WHERE id = $1",
      run_id, std::string(to_string(outcome)), counts.fetched, counts.inserted, counts.updated, counts.removed,
      counts.rejected, message);
}

std::size_t mark_interrupted_refresh_runs(pqxx::connection& connection) {
  pqxx::work transaction(connection);
  const pqxx::result result = transaction.exec0(
      "UPDATE refresh_runs SET outcome = 'interrupted', finished_at = clock_timestamp(), "
      "error_message = 'the run ended before recording an outcome: its process stopped or lost the database "
      "connection' "
      "WHERE outcome = 'running'");
  transaction.commit();
  return static_cast<std::size_t>(result.affected_rows());
}

std::int64_t latest_successful_refresh_run(pqxx::connection& connection) {
  pqxx::nontransaction statement(connection);
  return statement.exec1("SELECT coalesce(max(id), 0) FROM refresh_runs WHERE outcome = 'succeeded'")[0]
      .as<std::int64_t>();
}

std::optional<std::chrono::system_clock::time_point> refresh_run_finished_at(pqxx::connection& connection,
                                                                             std::int64_t run_id) {
  pqxx::nontransaction statement(connection);
  const pqxx::result rows =
      statement.exec_params("SELECT extract(epoch FROM finished_at)::float8 FROM refresh_runs "
                            "WHERE id = $1 AND finished_at IS NOT NULL",
                            run_id);
  if (rows.empty()) return std::nullopt;
  const auto seconds = std::chrono::duration<double>(rows[0][0].as<double>());
  return std::chrono::system_clock::time_point(std::chrono::duration_cast<std::chrono::system_clock::duration>(seconds));
}

}  // namespace pitstop
