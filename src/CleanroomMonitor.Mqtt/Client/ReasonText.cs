using System.Text;

namespace CleanroomMonitor.Mqtt.Client;

/// <summary>An MQTT reason code as words for logs and health reports: <c>NotAuthorized</c> → "not authorized (135)".</summary>
internal static class ReasonText
{
    public static string Of<TCode>(TCode code, string? detail = null)
        where TCode : struct, Enum
    {
        var name = code.ToString();
        var words = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }
            words.Append(char.ToLowerInvariant(c));
        }
        words.Append(" (").Append(Convert.ToInt32(code, System.Globalization.CultureInfo.InvariantCulture)).Append(')');
        return detail is { Length: > 0 } ? $"{words}: {detail}" : words.ToString();
    }
}
