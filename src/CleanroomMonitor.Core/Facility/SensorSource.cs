namespace CleanroomMonitor.Core.Facility;

/// <summary>How a sensor's readings reach the service.</summary>
public enum SensorSource
{
    /// <summary>Published by the instrument or its gateway on the sensor's MQTT topic.</summary>
    Mqtt,

    /// <summary>Polled by the service from a Modbus TCP or RTU device (the Modbus configuration maps registers to the sensor).</summary>
    Modbus,

    /// <summary>A differential pressure the service computes from two rooms' absolute-pressure sensors (<see cref="Sensor.ComputedFrom"/>).</summary>
    Computed,

    /// <summary>Published by an Eclipse Sparkplug B edge node (or one of its devices) as a metric (<see cref="Sensor.Sparkplug"/>).</summary>
    Sparkplug,
}
