using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanroomMonitor.Core.Notifications;

/// <summary>How a notification plan is read: comments and trailing commas allowed, an unknown key refused (a misspelt
/// "chanels" would otherwise leave a step with no channel).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(NotificationPlanFile))]
internal sealed partial class NotificationPlanFileContext : JsonSerializerContext;
