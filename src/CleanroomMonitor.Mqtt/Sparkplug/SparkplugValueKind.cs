// CA1720: the member names are the specification's datatype names, which operators and gateway manuals use.
#pragma warning disable CA1720

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>Which member of the metric's <c>value</c> oneof was on the wire.</summary>
public enum SparkplugValueKind
{
    /// <summary>No value field (a null metric, or an NDEATH's bare bdSeq without one).</summary>
    None,

    /// <summary>Field 10 <c>int_value</c> (uint32): Int8, Int16, Int32 (two's complement), UInt8, UInt16, UInt32.</summary>
    Int,

    /// <summary>Field 11 <c>long_value</c> (uint64): Int64 (two's complement), UInt64, DateTime.</summary>
    Long,

    /// <summary>Field 12 <c>float_value</c>.</summary>
    Float,

    /// <summary>Field 13 <c>double_value</c>.</summary>
    Double,

    /// <summary>Field 14 <c>boolean_value</c>.</summary>
    Boolean,

    /// <summary>Field 15 <c>string_value</c>: String, Text, UUID.</summary>
    String,

    /// <summary>Fields 16–19 (bytes, dataset, template, extension): not mapped, never a parameter.</summary>
    Other,
}
