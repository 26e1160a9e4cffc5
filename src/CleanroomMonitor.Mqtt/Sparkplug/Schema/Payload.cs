using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace CleanroomMonitor.Mqtt.Sparkplug.Schema;

// protoc's C# parser does not fail on a declared field that arrives with another wire type (a timestamp sent as
// length-delimited bytes): it keeps it as an unknown field and leaves the declared one unset. Such a payload is
// malformed, not a shorter one, so the decoder asks for these fields and refuses the payload.
internal sealed partial class Payload
{
    /// <summary>The first declared field of this payload that was on the wire with the wrong wire type, if any.</summary>
    internal FieldDescriptor? MisencodedField() => FirstDeclared(_unknownFields, Descriptor);

    // UnknownFieldSet does not list its field numbers publicly, so its tags are read back from its own encoding;
    // this runs only for a payload that has unknown fields at all.
    private static FieldDescriptor? FirstDeclared(UnknownFieldSet? unknown, MessageDescriptor descriptor)
    {
        if (unknown is null)
        {
            return null;
        }
        var bytes = new byte[unknown.CalculateSize()];
        using (var output = new CodedOutputStream(bytes))
        {
            unknown.WriteTo(output);
        }
        using var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (descriptor.FindFieldByNumber(WireFormat.GetTagFieldNumber(tag)) is { } field)
            {
                return field;
            }
            input.SkipLastField();
        }
        return null;
    }

    public static partial class Types
    {
        internal sealed partial class Metric
        {
            /// <summary>The first declared field of this metric that was on the wire with the wrong wire type, if any.</summary>
            internal FieldDescriptor? MisencodedField() => FirstDeclared(_unknownFields, Descriptor);
        }
    }
}
