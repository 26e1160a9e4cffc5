using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanroomMonitor.Modbus.Polling;

/// <summary>How a Modbus connection file is read: source-generated, so the reader needs no reflection and the
/// JSON Schema is generated from the same metadata. Comments and trailing commas are allowed because people edit
/// these files; an unknown key is an error because a misspelt one ("pollIntervall") would otherwise be ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ModbusFile))]
internal sealed partial class ModbusFileContext : JsonSerializerContext;
