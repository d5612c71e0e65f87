(module
  (import "env" "memory" (memory 1 65536 shared))
  (func $scan (export "scan") (param $slot i32) (param $from i32) (param $to i32) (param $threshold f32) (param $position i32) (result i32)
    (local $count i32)
    (local $bits i32)
    (local $th v128)
    (local $t v128)
    (local $acc v128)
    (local $q0 v128)
    (local $q1 v128)
    (local $q2 v128)
    (local $q3 v128)
    (local $q4 v128)
    (local $q5 v128)
    (local $q6 v128)
    (local $q7 v128)
    (local $q8 v128)
    local.get $slot
    v128.load
    local.set $q0
    local.get $slot
    v128.load offset=16
    local.set $q1
    local.get $slot
    v128.load offset=32
    local.set $q2
    local.get $slot
    v128.load offset=48
    local.set $q3
    local.get $slot
    v128.load offset=64
    local.set $q4
    local.get $slot
    v128.load offset=80
    local.set $q5
    local.get $slot
    v128.load offset=96
    local.set $q6
    local.get $slot
    v128.load offset=112
    local.set $q7
    local.get $slot
    v128.load offset=128
    local.set $q8
    local.get $threshold
    f32x4.splat
    local.set $th
    block $blocks
      loop $block
        local.get $from
        local.get $to
        i32.ge_u
        br_if $blocks
        local.get $q0
        local.get $from
        v128.load
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        local.get $q1
        local.get $from
        v128.load offset=16
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        f32x4.add
        local.get $q2
        local.get $from
        v128.load offset=32
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        local.get $q3
        local.get $from
        v128.load offset=48
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        f32x4.add
        f32x4.add
        local.get $q4
        local.get $from
        v128.load offset=64
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        local.get $q5
        local.get $from
        v128.load offset=80
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        f32x4.add
        local.get $q6
        local.get $from
        v128.load offset=96
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        local.get $q7
        local.get $from
        v128.load offset=112
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        local.get $q8
        local.get $from
        v128.load offset=128
        f32x4.sub
        local.tee $t
        local.get $t
        f32x4.mul
        f32x4.add
        f32x4.add
        f32x4.add
        f32x4.add
        local.set $acc
        local.get $acc
        local.get $th
        f32x4.le
        i32x4.bitmask
        local.tee $bits
        if
          local.get $bits
          i32.const 1
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 2
            i32.shl
            i32.add
            local.get $position
            i32.const 0
            i32.add
            i32.store offset=144
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $bits
          i32.const 2
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 2
            i32.shl
            i32.add
            local.get $position
            i32.const 1
            i32.add
            i32.store offset=144
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $bits
          i32.const 4
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 2
            i32.shl
            i32.add
            local.get $position
            i32.const 2
            i32.add
            i32.store offset=144
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
          local.get $bits
          i32.const 8
          i32.and
          if
            local.get $slot
            local.get $count
            i32.const 2
            i32.shl
            i32.add
            local.get $position
            i32.const 3
            i32.add
            i32.store offset=144
            local.get $count
            i32.const 1
            i32.add
            local.set $count
          end
        end
        local.get $position
        i32.const 4
        i32.add
        local.set $position
        local.get $from
        i32.const 144
        i32.add
        local.set $from
        br $block
      end $block
    end $blocks
    local.get $count
  )
)
