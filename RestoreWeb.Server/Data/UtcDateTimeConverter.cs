using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace RestoreWeb.Server.Data;

/// <summary>Stores times as UTC and reads them back marked as UTC (SQLite keeps no kind).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
