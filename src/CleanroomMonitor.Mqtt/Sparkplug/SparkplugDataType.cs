// CA1720: the member names are the specification's datatype names, which operators and gateway manuals use.
#pragma warning disable CA1720

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>The Sparkplug B metric datatypes (Sparkplug 3.0 §6.4.16, Tahu <c>DataType</c>). A cleanroom needs the
/// numeric ones; the others are decoded far enough to be refused with a reason when mapped to a parameter.</summary>
public enum SparkplugDataType
{
    Unknown = 0,
    Int8 = 1,
    Int16 = 2,
    Int32 = 3,
    Int64 = 4,
    UInt8 = 5,
    UInt16 = 6,
    UInt32 = 7,
    UInt64 = 8,
    Float = 9,
    Double = 10,
    Boolean = 11,
    String = 12,
    DateTime = 13,
    Text = 14,
    Uuid = 15,
    DataSet = 16,
    Bytes = 17,
    File = 18,
    Template = 19,
    PropertySet = 20,
    PropertySetList = 21,
}
