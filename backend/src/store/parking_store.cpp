#include "store/parking_store.hpp"

#include <tuple>


namespace pitstop {
namespace {

void create_staging_table(pqxx::transaction_base& transaction) {
  transaction.exec(
      "CREATE TEMPORARY TABLE parking_spots_staging ("
      "  id text PRIMARY KEY, source text NOT NULL, source_key text NOT NULL, description text NOT NULL,"
      "  lat double precision NOT NULL, lon double precision NOT NULL, rack_type text NOT NULL,"
      "  rack_count integer NOT NULL, sheltered boolean NOT NULL"
      ") ON COMMIT DROP");
}

void copy_into_staging(pqxx::transaction_base& transaction, const std::vector<ParkingSpot>& spots) {
  pqxx::stream_to stream(transaction, "parking_spots_staging",
                         std::vector<std::string>{"id", "source", "source_key", "description", "lat", "lon",
                                                  "rack_type", "rack_count", "sheltered"});
  for (const ParkingSpot& spot : spots) {
    stream << std::make_tuple(spot.id, spot.source, spot.source_key, spot.description, spot.location.lat,
                              spot.location.lon, spot.rack_type, spot.rack_count, spot.sheltered);
  }
  stream.complete();
}

constexpr const char* kStagedPoint = "ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326)";

std::size_t count_changed(pqxx::transaction_base& transaction) {
  const std::string query = std::string(
                                "SELECT count(*) FROM parking_spots p JOIN parking_spots_staging s USING (id) "
                                "WHERE (p.source, p.source_key, p.description, p.rack_type, p.rack_count, "
                                "p.sheltered) IS DISTINCT FROM (s.source, s.source_key, s.description, "
                                "s.rack_type, s.rack_count, s.sheltered) OR NOT ST_Equals(p.location, ") +
                            kStagedPoint + ")";
  return transaction.exec1(query)[0].as<std::size_t>();
}

std::size_t update_kept(pqxx::transaction_base& transaction) {
  const std::string statement = std::string(
                                    "UPDATE parking_spots p SET source = s.source, source_key = s.source_key, "
                                    "description = s.description, rack_type = s.rack_type, "
                                    "rack_count = s.rack_count, sheltered = s.sheltered, last_seen = now(), "
                                    "location = ") +
                                kStagedPoint + " FROM parking_spots_staging s WHERE p.id = s.id";
  return static_cast<std::size_t>(transaction.exec0(statement).affected_rows());
}

std::size_t insert_new(pqxx::transaction_base& transaction) {
  const std::string statement =
      std::string(
          "INSERT INTO parking_spots (id, source, source_key, description, location, rack_type, rack_count, "
          "sheltered, first_seen, last_seen) SELECT s.id, s.source, s.source_key, s.description, ") +
      kStagedPoint +
      ", s.rack_type, s.rack_count, s.sheltered, now(), now() FROM parking_spots_staging s "
      "WHERE NOT EXISTS (SELECT 1 FROM parking_spots p WHERE p.id = s.id)";
  return static_cast<std::size_t>(transaction.exec0(statement).affected_rows());
}

std::size_t delete_missing(pqxx::transaction_base& transaction) {
  return static_cast<std::size_t>(
      transaction
          .exec0("DELETE FROM parking_spots p WHERE NOT EXISTS "
                 "(SELECT 1 FROM parking_spots_staging s WHERE s.id = p.id)")
          .affected_rows());
}

}  // namespace

std::vector<ParkingSpot> read_parking_spots(pqxx::connection& connection) {
  pqxx::nontransaction statement(connection);
  const pqxx::result rows = statement.exec(
      "SELECT id, source, source_key, description, ST_Y(location), ST_X(location), rack_type, rack_count, "
      "sheltered FROM parking_spots ORDER BY id");

  std::vector<ParkingSpot> spots;
  spots.reserve(rows.size());
  for (const pqxx::row& row : rows) {
    ParkingSpot spot;
    spot.id = row[0].as<std::string>();
    spot.source = row[1].as<std::string>();
    spot.source_key = row[2].as<std::string>();
    spot.description = row[3].as<std::string>();
    spot.location = {row[4].as<double>(), row[5].as<double>()};
    spot.rack_type = row[6].as<std::string>();
    spot.rack_count = row[7].as<int>();
    spot.sheltered = row[8].as<bool>();
    spots.push_back(std::move(spot));
  }
  return spots;
}

std::size_t count_parking_spots(pqxx::connection& connection) {
  pqxx::nontransaction statement(connection);
  return statement.exec1("SELECT count(*) FROM parking_spots")[0].as<std::size_t>();
}

ParkingReplaceCounts replace_parking_spots(pqxx::transaction_base& transaction,
                                           const std::vector<ParkingSpot>& spots) {
  create_staging_table(transaction);
  copy_into_staging(transaction, spots);

  ParkingReplaceCounts counts;
  counts.updated = count_changed(transaction);
  const std::size_t kept = update_kept(transaction);
  counts.unchanged = kept - counts.updated;
  counts.inserted = insert_new(transaction);
  counts.removed = delete_missing(transaction);
  return counts;
}

}  // namespace pitstop
