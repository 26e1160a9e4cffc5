using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Core.Tests.Notifications;

/// <summary>The committed JSON Schema of the notification plan matches the reader's model.</summary>
public sealed class NotificationPlanSchemaTests
{
    private const string SchemaFile = "notifications.schema.json";

    [Fact]
    public void JsonSchema_CommittedCopy_MatchesTheModel()
    {
        var generated = NotificationPlanReader.JsonSchema;

        Assert.True(generated == SchemaFiles.Committed(SchemaFile, generated), SchemaFiles.DriftMessage(SchemaFile));
    }
}
