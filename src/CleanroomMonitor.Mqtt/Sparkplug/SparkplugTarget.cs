using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>What one mapped metric feeds: a parameter of a sensor, or (null parameter) its sampled volume in litres.</summary>
internal readonly record struct SparkplugTarget(Sensor Sensor, Parameter? Parameter);
